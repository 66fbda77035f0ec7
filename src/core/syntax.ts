/**
 * How a front end spells commands and options. Usage lines and problems with
 * the input ("limit:abc is not a whole number") are rendered from the command
 * definition through one of these, so the CLI says `--limit abc` where chat
 * says `limit:abc`, and Slack says `/briefing-search` where it reserves
 * `/search`.
 */
import type { OptionDefinition } from './command.js';

export interface CommandSyntax {
  /** This front end's name for an option (default its definition's name). */
  optionName?(option: OptionDefinition): string;
  /** `/timeline`, `/briefing-search`, `briefing timeline`. */
  command(name: string): string;
  /** An option with a value or placeholder: `limit:5`, `--limit 5`. */
  option(name: string, value: string): string;
  /** The free text a positional option takes in a usage line: `query:TEXT`, `QUERY`. */
  positional(name: string, placeholder: string): string;
  /** Options every command takes on this front end, appended to usage lines. */
  trailing?: string;
}

/** Chat and console: `/name option:value`; `commandName` is the platform's spelling of `/name`. */
export function slashSyntax(commandName: (name: string) => string = (name) => `/${name}`): CommandSyntax {
  return {
    command: commandName,
    option: (name, value) => `${name}:${value}`,
    positional: (name, placeholder) => `${name}:${placeholder}`,
  };
}

/** The shell: `briefing name --option value`. */
export const cliSyntax: CommandSyntax = {
  optionName: (o) => o.cliName ?? o.name,
  command: (name) => `briefing ${name}`,
  option: (name, value) => `--${name} ${value}`,
  positional: (name) => name.toUpperCase(),
  trailing: '[--json]',
};

/** `limit:5` / `--limit 5` / `--explain ID` for an option of a definition. */
export function spellOption(syntax: CommandSyntax, option: OptionDefinition, value: string): string {
  return syntax.option(syntax.optionName?.(option) ?? option.name, value);
}
