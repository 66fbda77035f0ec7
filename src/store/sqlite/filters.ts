/** WHERE clauses of the filters that are set, each with its named parameter (the SQLite corpus's and events' queries). */
export function filters(
  spec: Array<[value: string | undefined, clause: string, param: string]>,
  always: string[] = [],
): { where: string[]; params: Record<string, string> } {
  const where = [...always];
  const params: Record<string, string> = {};
  for (const [value, clause, param] of spec) {
    if (value === undefined || value === '') continue;
    where.push(clause);
    params[param] = value;
  }
  return { where, params };
}
