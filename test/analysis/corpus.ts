/**
 * Fixture corpus. Part is taken from the seed articles (UK support for
 * Ukraine, Dec 2024 – Jan 2025) with the facts ingest would extract; part is
 * written for these tests: other outlets, years, currencies and an off-topic
 * story, so nothing passes only because of the seeds.
 */
import { doc, sentences } from './fixtures.js';

const GBP = 'GBP';
const EUR = 'EUR';

export const d000 = doc('000_ec3a2409af0ad404', '2024-12-23', { outlet: 'The Independent' });
export const d001 = doc('001_6e9b53146663262b', '2024-12-19');
export const d002 = doc('002_bd0cb8b89a474947', '2024-12-19', { from: 'inferred' });
export const d003 = doc('003_9a266a590496b6e4', '2024-12-19', { from: 'inferred' });
export const d004 = doc('004_1be8f293423f9047', '2025-01-16', { outlet: 'The Independent' });

export const seed000 = sentences(d000, [
  ['Sir Keir Starmer and Volodymyr Zelensky have agreed on “the importance of refining” the UK’s training offer for Ukrainian armed forces to “further bolster Ukraine’s ability on the battlefield”, Number 10 has said.', { people: ['Keir Starmer', 'Volodymyr Zelensky'], orgs: ['Number 10'] }],
  ['The Prime Minister and Ukrainian president spoke on Monday morning, and also agreed that what happens in the conflict in the coming months “matters to Nato”.', { dates: [['on Monday morning', '2024-12-23']], orgs: ['Nato'] }],
  ['It comes amid speculation that the UK could be considering sending troops to Ukraine to help train its armed forces.'],
  ['Last week, Defence Secretary John Healey said it is a “critical period” for Ukraine and pledged that the UK would be “stepping up” help.', { dates: [['Last week', '2024-12']], people: ['John Healey'] }],
  ['Speaking to LBC during a visit to the Ukrainian capital Kyiv, Mr Healey said: “This is undoubtedly a critical period for Ukraine.', { people: ['Healey'], orgs: ['LBC'] }],
  ['“Russians are putting Ukraine under pressure on the front line but Putin himself is showing signs of weakness, calling in North Korean troops to reinforce his own army, walking out on Assad and failing to defend his own positions in Syria.”', { people: ['Putin', 'Assad'] }],
  ['He added: “I’m here discussing with Ukrainians and Ukrainian defence minister our joint plan for 2025 and I’m here to say, ‘look, the UK is stepping up further the military help we’ll give’.”', { dates: [['2025', '2025']] }],
  ['Your support helps us to tell the story Read more Support Now', { boilerplate: true }],
]);

export const seed001 = sentences(d001, [
  ['British troops could be sent to Ukraine for training as the UK looks to take a lead in the country’s defence.'],
  ['Defence Secretary John Healey said the UK must “make the training a better fit for what the Ukrainians need” as he hinted British troops could be sent to Ukraine.', { people: ['John Healey'] }],
  ['Mr Zelenskyy said on Wednesday: “We cannot give up our territories.', { dates: [['on Wednesday', '2024-12-18']], people: ['Zelenskyy'] }],
  ['Russia took Crimea, a prized peninsula jutting from the south of Ukraine into the Black Sea, via a dubious referendum ten years ago.', { dates: [['ten years ago', '2014']] }],
  ['It came as Keir Starmer urged Donald Trump not to go back on US support for Ukraine, as the president-elect prepares for power in January.', { dates: [['in January', '2025-01']], people: ['Keir Starmer', 'Donald Trump'] }],
]);

export const seed002 = sentences(d002, [
  ['UK Defence Secretary John Healey is in Kyiv to discuss plans to provide more support to Ukraine next year, without giving specific details of the plans, on Thursday, the 19th of December, reports the British broadcaster BBC.', { dates: [['next year', '2025'], ['on Thursday, the 19th of December', '2024-12-19']], people: ['John Healey'], orgs: ['BBC'] }],
  ['Healey arrived in Kyiv pledging 225 million pounds of additional military support – more drones, artillery shells and air defences.', { people: ['Healey'], amounts: [['225 million pounds', GBP, 225_000_000]] }],
  ['Foreign Secretary David Lammy also said the discussion would focus on what additional support is needed to “put Ukraine in the strongest possible position as we approach 2025 and during”.', { dates: [['2025', '2025']], people: ['David Lammy'] }],
  ['Prime Minister Keir Starmer also discussed the situation in Ukraine with Trump in a telephone conversation on Wednesday.', { dates: [['on Wednesday', '2024-12-18']], people: ['Keir Starmer', 'Trump'] }],
]);

export const seed003 = sentences(d003, [
  ['Also on his trip to Kyiv, Mr Healey pledged a new £225 million package of support for Ukraine after the defence secretary said the situation in the country is "critical".', { people: ['Healey'], amounts: [['£225 million', GBP, 225_000_000]] }],
  ['The package announced on Thursday involves £186 million for military equipment through the International Fund for Ukraine, including £92 million for Ukraine’s navy and £68 million for air defence equipment.', { dates: [['on Thursday', '2024-12-19']], orgs: ['International Fund for Ukraine'], amounts: [['£186 million', GBP, 186_000_000], ['£92 million', GBP, 92_000_000], ['£68 million', GBP, 68_000_000]] }],
  ['On Wednesday, Mr Healey told LBC that it is a "critical period for Ukraine".', { dates: [['On Wednesday', '2024-12-18']], people: ['Healey'], orgs: ['LBC'] }],
  ['"Russians are putting Ukraine under pressure on the front line, but Putin himself is showing signs of weakness, calling in North Korean troops to reinforce his own army, walking out on Assad and failing to defend his own positions in Syria," he added.', { people: ['Putin', 'Assad'] }],
  ['Meanwhile in London, the Financial Assistance to Ukraine Bill cleared the Commons without any opposition on Wednesday afternoon.', { dates: [['on Wednesday afternoon', '2024-12-18']], orgs: ['Commons'] }],
  ['The UK’s contribution to the G7 group of nations loan package is £2.26 billion.', { orgs: ['G7'], amounts: [['£2.26 billion', GBP, 2_260_000_000]] }],
  ['Is this the turning point for Ukraine on the battlefield this winter?'],
]);

export const seed004 = sentences(d004, [
  ['Sir Keir Starmer is considering plans to send British troops into Ukraine to act as peacekeepers in the event of a ceasefire with Russia.', { people: ['Keir Starmer'] }],
  ['Sir Keir committed to a 100-year partnership with Ukraine to guarantee its security and peace.', { people: ['Keir'] }],
  ['Sir Keir did not commit to peacekeepers but directing his words at Mr Zelensky, he said that “we will work with you and all of our allies on steps that would be robust enough to guarantee Ukraine’s security” and deter future aggression.', { people: ['Keir', 'Zelensky'] }],
  ['“We have already committed £3 billion for military aid this year and we’re going further to support the front line, providing a £2.2 billion loan which will be paid back not by Ukraine, but from the interest on frozen Russian assets.”', { dates: [['this year', '2025']], amounts: [['£3 billion', GBP, 3_000_000_000], ['£2.2 billion', GBP, 2_200_000_000]] }],
  ['Mr Trump’s pick for secretary of state Marco Rubio suggested on Wednesday that both Ukraine and Russia would have to make concessions to end the war.', { dates: [['on Wednesday', '2025-01-15']], people: ['Trump', 'Marco Rubio'] }],
  ['open image in gallery Prime Minister Sir Keir Starmer and Ukrainian President Volodymyr Zelensky shake hands (Carl Court/PA)', { boilerplate: true }],
]);

export const seeds = [...seed000, ...seed001, ...seed002, ...seed003, ...seed004];

// ---- Written for these tests ----

export const deWire = doc('wire/2024-06-11-germany-aid', '2024-06-11', { outlet: 'Continental Wire' });
export const deDaily = doc('daily/berlin-package', '2024-06-12', { outlet: 'Berlin Daily' });

export const germany = [
  ...sentences(deWire, [
    ['Germany pledged a €650 million military aid package for Ukraine on Tuesday, Defence Minister Boris Pistorius said.', { dates: [['on Tuesday', '2024-06-11']], people: ['Boris Pistorius'], amounts: [['€650 million', EUR, 650_000_000]] }],
    ['Pistorius said the deliveries were expected to arrive before the winter.', { people: ['Pistorius'] }],
  ]),
  ...sentences(deDaily, [
    ['Berlin will send Kyiv a new €650m package of air defence systems and ammunition, Mr Pistorius announced yesterday.', { dates: [['yesterday', '2024-06-11']], people: ['Pistorius'], amounts: [['€650m', EUR, 650_000_000]] }],
    ['Separately, the Netherlands promised €500 million for drones and radar on Tuesday, its defence ministry said.', { dates: [['on Tuesday', '2024-06-11']], orgs: ['Netherlands'], amounts: [['€500 million', EUR, 500_000_000]] }],
  ]),
];

export const frA = doc('fr/le-monde-interview', '2023-03-02', { outlet: 'Paris Wire' });
export const frB = doc('fr/macron-europe', '2023-03-01', { outlet: 'Euro Politics' });

export const macron = [
  ...sentences(frA, [
    ['President Macron told Le Monde on Tuesday: “Europe must be ready to defend itself without waiting for Washington to decide for us.”', { dates: [['on Tuesday', '2023-02-28']], people: ['Macron'], orgs: ['Le Monde'] }],
  ]),
  ...sentences(frB, [
    ['“Europe must be ready to defend itself without waiting for Washington to decide for us,” Emmanuel Macron said in an interview with Le Monde published on Tuesday.', { dates: [['on Tuesday', '2023-02-28']], people: ['Emmanuel Macron'], orgs: ['Le Monde'] }],
  ]),
];

export const cricketDoc = doc('sport/county-cricket', '2024-07-05', { outlet: 'Sports Desk', relevance: 0.05 });

export const cricket = sentences(cricketDoc, [
  ['The England and Wales Cricket Board announced a £5 million fund for county training grounds on Friday.', { dates: [['on Friday', '2024-07-05']], orgs: ['England and Wales Cricket Board'], amounts: [['£5 million', 'GBP', 5_000_000]] }],
  ['Young players trained through the winter at the new indoor nets in Leeds, the board said.', { orgs: ['board'] }],
  ['The fund will be spent on nets, pitches and coaching over the next three seasons.', { dates: [['next three seasons', '2025']] }],
]);

/** A document whose publication date nobody knows. */
export const undatedDoc = doc('misc/undated-report', null);

export const undated = sentences(undatedDoc, [
  ['The minister announced a £40 million package for demining equipment.', { amounts: [['£40 million', 'GBP', 40_000_000]] }],
  ['The agreement was signed in Warsaw on 3 March 2023 by both defence ministers.', { dates: [['on 3 March 2023', '2023-03-03']], orgs: ['Warsaw'] }],
]);
