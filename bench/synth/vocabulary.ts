/**
 * The words the synthetic corpus is made of: outlets and their page furniture,
 * the people and organisations of the story, the kinds of support, places,
 * and off-topic article families. Plausible news vocabulary, not a copy of
 * any engine rule: the engine must cope with it, not the other way round.
 */

export type Furniture = 'donation' | 'gallery' | 'newsletter' | 'readmore' | 'credit';

export interface Outlet {
  name: string;
  slug: string;
  domain: string;
  /** Page furniture this outlet's pages carry. */
  furniture: Furniture[];
  /** Straight or curly quotes in its copy. */
  curly: boolean;
}

export const OUTLETS: Outlet[] = [
  { name: 'The Independent', slug: 'independent', domain: 'independent.co.uk', furniture: ['donation', 'gallery', 'readmore'], curly: true },
  { name: 'Evening Standard', slug: 'standard', domain: 'standard.co.uk', furniture: ['gallery', 'newsletter'], curly: false },
  { name: 'BBC News', slug: 'bbc', domain: 'bbc.co.uk', furniture: ['credit'], curly: true },
  { name: 'Sky News', slug: 'sky', domain: 'news.sky.com', furniture: ['readmore', 'credit'], curly: false },
  { name: 'The Guardian', slug: 'guardian', domain: 'theguardian.com', furniture: ['donation', 'newsletter'], curly: true },
  { name: 'Forces News', slug: 'forces', domain: 'forces.net', furniture: ['newsletter'], curly: false },
  { name: 'Kyiv Independent', slug: 'kyivindependent', domain: 'kyivindependent.com', furniture: ['donation'], curly: true },
  { name: 'Ukrainska Pravda', slug: 'pravda', domain: 'pravda.com.ua', furniture: ['readmore'], curly: false },
  { name: 'The Telegraph', slug: 'telegraph', domain: 'telegraph.co.uk', furniture: ['gallery', 'newsletter', 'credit'], curly: true },
  { name: 'Daily Mirror', slug: 'mirror', domain: 'mirror.co.uk', furniture: ['gallery', 'readmore', 'newsletter'], curly: false },
  { name: 'Financial Times', slug: 'ft', domain: 'ft.com', furniture: ['newsletter'], curly: true },
  { name: 'Reuters', slug: 'reuters', domain: 'reuters.com', furniture: ['credit'], curly: false },
  { name: 'PA Media', slug: 'pa', domain: 'pamediagroup.com', furniture: ['credit'], curly: false },
  { name: 'UK Defence Journal', slug: 'ukdj', domain: 'ukdefencejournal.org.uk', furniture: ['readmore'], curly: false },
  { name: 'Politico Europe', slug: 'politico', domain: 'politico.eu', furniture: ['newsletter'], curly: true },
  { name: 'The Scotsman', slug: 'scotsman', domain: 'scotsman.com', furniture: ['gallery', 'donation'], curly: false },
  { name: 'Yorkshire Post', slug: 'yorkshirepost', domain: 'yorkshirepost.co.uk', furniture: ['gallery'], curly: true },
  { name: 'Euronews', slug: 'euronews', domain: 'euronews.com', furniture: ['readmore', 'newsletter'], curly: false },
];

export interface Person {
  name: string;
  /** How later mentions refer to them. */
  short: string;
  role: string;
}

export const PEOPLE: Person[] = [
  { name: 'John Healey', short: 'Mr Healey', role: 'Defence Secretary' },
  { name: 'Keir Starmer', short: 'Sir Keir', role: 'Prime Minister' },
  { name: 'David Lammy', short: 'Mr Lammy', role: 'Foreign Secretary' },
  { name: 'Rachel Reeves', short: 'Ms Reeves', role: 'Chancellor' },
  { name: 'Volodymyr Zelensky', short: 'Mr Zelensky', role: 'Ukrainian President' },
  { name: 'Rustem Umerov', short: 'Mr Umerov', role: 'Ukrainian Defence Minister' },
  { name: 'Andrii Sybiha', short: 'Mr Sybiha', role: 'Ukrainian Foreign Minister' },
  { name: 'Mark Rutte', short: 'Mr Rutte', role: 'Nato Secretary General' },
  { name: 'Luke Pollard', short: 'Mr Pollard', role: 'Armed Forces Minister' },
  { name: 'Maria Eagle', short: 'Ms Eagle', role: 'Defence Procurement Minister' },
  { name: 'Darren Jones', short: 'Mr Jones', role: 'Treasury minister' },
  { name: 'Tony Radakin', short: 'Sir Tony', role: 'Chief of the Defence Staff' },
  { name: 'Emmanuel Macron', short: 'Mr Macron', role: 'French President' },
  { name: 'Olaf Scholz', short: 'Mr Scholz', role: 'German Chancellor' },
  { name: 'Pete Hegseth', short: 'Mr Hegseth', role: 'US Defence Secretary' },
];

export const ORGANISATIONS = [
  'the Ministry of Defence',
  'Number 10',
  'Nato',
  'the G7',
  'the European Union',
  'the Ukraine Defence Contact Group',
  'the International Fund for Ukraine',
  'the House of Commons',
  'the Treasury',
  'the Foreign Office',
  'BAE Systems',
  'Thales UK',
  'the Royal Navy',
  'the British Army',
];

/** What the support is: the subject of a story. */
export interface SupportKind {
  what: string;
  /** Noun phrase used in headlines. */
  headline: string;
  /** Typical amount range in GBP millions. */
  millions: [number, number];
}

export const SUPPORT_KINDS: SupportKind[] = [
  { what: 'drones', headline: 'drone package', millions: [20, 400] },
  { what: 'artillery shells', headline: 'artillery deal', millions: [50, 900] },
  { what: 'air defence missiles', headline: 'air defence boost', millions: [60, 1600] },
  { what: 'training for Ukrainian recruits', headline: 'training offer', millions: [10, 300] },
  { what: 'armoured vehicles', headline: 'armour delivery', millions: [30, 500] },
  { what: 'maritime drones for the Black Sea', headline: 'naval support', millions: [15, 250] },
  { what: 'demining equipment', headline: 'demining aid', millions: [5, 80] },
  { what: 'a loan backed by frozen Russian assets', headline: 'loan deal', millions: [500, 2600] },
  { what: 'humanitarian and energy aid', headline: 'energy aid', millions: [10, 300] },
  { what: 'sanctions on Russian oil tankers', headline: 'sanctions push', millions: [0, 0] },
  { what: 'a 100-year partnership agreement', headline: 'partnership pact', millions: [0, 0] },
  { what: 'peacekeeping troops after a ceasefire', headline: 'peacekeeping plan', millions: [0, 0] },
  { what: 'Storm Shadow missiles', headline: 'long-range missiles', millions: [0, 0] },
  { what: 'radar systems', headline: 'radar contract', millions: [20, 200] },
];

export const VERBS_PAST = ['announced', 'pledged', 'confirmed', 'unveiled', 'signed off', 'promised', 'set out'];
export const SAY_VERBS = ['said', 'told reporters', 'told the BBC', 'told MPs', 'said in a statement', 'told a press conference'];
export const PLACES = ['Kyiv', 'London', 'Lviv', 'Odesa', 'Brussels', 'Ramstein', 'Kharkiv', 'Warsaw', 'Dnipro', 'Paris'];

export const PHOTO_AGENCIES = ['PA', 'PA Wire', 'Reuters', 'AFP via Getty Images', 'AP', 'Getty Images', 'EPA'];
export const PHOTOGRAPHERS = ['Carl Court', 'Stefan Rousseau', 'Leon Neal', 'Efrem Lukatsky', 'Kirsty Wigglesworth', 'Ben Stansall'];

/** Page furniture text, with `{outlet}` for the outlet's name. */
export const DONATION_BANNERS = [
  'Your support helps us to tell the story Read more Support Now From climate change to conflicts abroad, {outlet} is on the ground when the story is developing. Your donation allows us to keep sending journalists to speak to both sides of the story. We believe quality journalism should be available to everyone, paid for by those who can afford it. Your support makes all the difference. Close Read more',
  'Support independent journalism. Reader donations fund our reporting from Ukraine and beyond. If you can, please give what you can afford today. Every contribution, however big or small, makes a difference. Support us now',
  'Help us keep reporting. {outlet} relies on readers like you: no paywall, no billionaire owner. Make a donation today and support journalism that holds power to account. Donate now',
];

export const NEWSLETTER_PROMPTS = [
  'Sign up to our free {outlet} politics newsletter for the latest headlines every morning.',
  'Get the best of {outlet} delivered to your inbox: sign up to our daily briefing email.',
  'Sign up for the {outlet} Ukraine war bulletin. We will never share your email address.',
];

export const READ_MORE = [
  'Read more: What we know about the UK support package',
  'Read More',
  'READ MORE: Ukraine war latest',
  'Read more Close',
];

/** Off-topic article families (~5% of a corpus): kept, marked off-topic by the engine if it can. */
export interface OffTopicFamily {
  headline: string[];
  sentences: string[];
}

export const OFF_TOPIC: OffTopicFamily[] = [
  {
    headline: ['Grassroots football clubs to share {amount} funding boost', 'Sports minister unveils {amount} for community pitches'],
    sentences: [
      'The Department for Culture, Media and Sport said {amount} would go to grassroots football, cricket and rugby clubs.',
      'Sports minister Stephanie Peacock said the money would help {n} clubs upgrade changing rooms and floodlights.',
      '"Sport brings communities together and every child should have a pitch near home," she said.',
      'The Football Foundation will distribute the grants over the next two years.',
      'Clubs in {region} will be among the first to apply when the scheme opens in {month}.',
      'The Lawn Tennis Association welcomed the announcement but said more courts were needed.',
    ],
  },
  {
    headline: ['Food festival returns to {region} with record crowds', 'Chefs descend on {region} for annual food festival'],
    sentences: [
      'More than {n} visitors are expected at the three-day food festival in {region}.',
      'Organisers said this year\'s programme includes cookery demonstrations, a cheese market and a street food court.',
      '"We have never had so many local producers wanting to take part," the festival director said.',
      'Tickets are available online, with children under 12 admitted free.',
      'The festival raised {amount} for local charities last year.',
      'Heavy rain on the opening day did not deter visitors, who queued for sourdough and oysters.',
    ],
  },
  {
    headline: ['Council approves {amount} plan to resurface roads', 'Potholes: {region} council sets out {amount} repair programme'],
    sentences: [
      'Councillors in {region} approved a {amount} programme to resurface more than {n} miles of road.',
      'The council said work would start in {month} and take about 18 months.',
      '"Residents have told us loud and clear that potholes are their top concern," the cabinet member for highways said.',
      'Opposition councillors said the plan did not go far enough.',
      'Drivers were warned to expect overnight closures on the main routes into the town centre.',
    ],
  },
  {
    headline: ['Met Office issues weather warning for {region}', 'Storm to bring gales and heavy rain to {region}'],
    sentences: [
      'The Met Office has issued a yellow warning for wind and rain covering {region}.',
      'Gusts of up to {n} mph are possible on exposed coasts, forecasters said.',
      'Travellers were advised to check before setting out, with ferry cancellations likely.',
      '"Conditions should ease by the weekend," a Met Office meteorologist said.',
    ],
  },
  {
    headline: ['Tech firm opens {amount} data centre in {region}', 'New data centre promises {n} jobs in {region}'],
    sentences: [
      'The company said its new {amount} data centre in {region} would create {n} jobs.',
      'Local MPs welcomed the investment but raised concerns about water use.',
      '"This is a vote of confidence in the region\'s skills," the chief executive said.',
      'Construction is due to finish in {month}, with the first servers running next year.',
    ],
  },
];

export const REGIONS = ['Yorkshire', 'Cornwall', 'the West Midlands', 'Cumbria', 'Norfolk', 'the Highlands', 'Kent', 'Teesside', 'Merseyside', 'Devon'];
