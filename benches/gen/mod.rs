//! A generator of varied English news articles for the benchmarks: its own vocabulary and
//! sentence templates, a deterministic random sequence, and enough slots per sentence that
//! distinct articles rarely share a sentence (so repeated-sentence findings do not dominate a
//! large file). A few MT defects and some non-ASCII text (accented names, curly quotes, dashes)
//! appear at a low rate, as in real output.

/// A deterministic pseudo-random sequence (xorshift64*), so runs are comparable.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }

    /// True with probability `p` in 1000.
    pub fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }
}

const GIVEN: &[&str] = &[
    "Amara", "Bertil", "Chiara", "Dmitri", "Elena", "Farid", "Grete", "Hamza", "Ines", "Jonas",
    "Kaveh", "Lucía", "Marek", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Soren", "Tamsin",
    "Ugo", "Vera", "Wendell", "Ximena", "Yusuf", "Zofia", "Anneke", "Bruno", "Céline", "Desmond",
    "Esther", "Florin", "Gideon", "Hana", "Idris", "Jolene", "Kasimir", "Leonie", "Mateo", "Nils",
];
const SURNAMES: &[&str] = &[
    "Abernathy",
    "Bellweather",
    "Castellano",
    "Draxler",
    "Eriksen",
    "Fontaine",
    "Gallagher",
    "Halvorsen",
    "Iwasaki",
    "Jablonski",
    "Kettleborough",
    "Lindqvist",
    "Maranzano",
    "Nakamura",
    "Okonkwo",
    "Pettersen",
    "Quigley",
    "Rasmussen",
    "Szabó",
    "Thornbury",
    "Ulvaeus",
    "Valdivia",
    "Whitcombe",
    "Yilmaz",
    "Zeller",
    "Achterberg",
    "Brannigan",
    "Corcoran",
    "Delacroix",
    "Emberley",
    "Fairweather",
    "Gonçalves",
    "Hargreaves",
    "Ivanova",
    "Jorgensen",
    "Kowalczyk",
    "Lockhart",
    "Mbeki",
    "Novak",
    "Ostrowski",
    "Pemberton",
    "Ravensworth",
    "Sandoval",
    "Tregarthen",
    "Underhill",
    "Vasquez",
    "Wolstenholme",
    "Yardley",
    "Zamora",
    "Albrecht",
];
const TITLES: &[&str] = &[
    "Finance Minister",
    "Health Minister",
    "Mayor",
    "Governor",
    "Senator",
    "chief executive",
    "spokeswoman",
    "spokesman",
    "Transport Secretary",
    "police chief",
    "union leader",
    "Deputy Mayor",
    "opposition leader",
    "chief economist",
    "Foreign Minister",
];
const PLACES: &[&str] = &[
    "Harwick",
    "Port Essley",
    "Valmont",
    "Kessling",
    "Orrin Bay",
    "Marlow Heights",
    "Tessaly",
    "Brookhaven",
    "Ashgrove",
    "Lindenau",
    "Carrow",
    "Westmere",
    "Halden",
    "Norvik",
    "Estremoz",
    "Dunmore",
    "Riverton",
    "Sankt Ilgen",
    "Fairhollow",
    "Greywater",
    "Ilmenport",
    "Juniper Falls",
    "Kilbride",
    "Lowestead",
    "Montclare",
    "Newhaven",
    "Oakridge",
    "Pellham",
    "Queensferry",
    "Rothwell",
];
const ORGS: &[&str] = &[
    "the regional council",
    "the transport authority",
    "the central bank",
    "the port authority",
    "the teachers' union",
    "the health ministry",
    "the water board",
    "the national rail operator",
    "the energy regulator",
    "the chamber of commerce",
    "the housing agency",
    "the environment agency",
    "the statistics office",
    "the fire service",
    "the university hospital",
    "the farmers' cooperative",
];
const TOPICS: &[&str] = &[
    "bus fares",
    "the new tram line",
    "hospital waiting lists",
    "school funding",
    "the flood defences",
    "rents in the old town",
    "the fishing quota",
    "broadband coverage",
    "the harbour expansion",
    "the winter fuel allowance",
    "night-time noise rules",
    "the wind farm",
    "bridge repairs",
    "the pension reform",
    "the steel plant",
    "food prices",
    "the airport runway",
    "the youth sports programme",
    "the recycling scheme",
    "the cycling network",
    "water charges",
    "the teachers' pay deal",
    "the minimum wage",
    "the data centre",
];
const SAY: &[&str] = &[
    "said",
    "told reporters",
    "said in a statement",
    "told a news conference",
    "wrote in a letter to members",
    "said on local radio",
    "told the council",
    "said late on",
    "confirmed",
    "insisted",
    "warned",
    "acknowledged",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const VERBS_PAST: &[&str] = &[
    "rose", "fell", "climbed", "dropped", "edged up", "slipped", "jumped", "eased",
];
const NOUNS: &[&str] = &[
    "costs",
    "passenger numbers",
    "complaints",
    "applications",
    "exports",
    "bookings",
    "arrests",
    "repairs",
    "visitor numbers",
    "energy bills",
    "waiting times",
    "deliveries",
    "enrolments",
    "insurance claims",
];
const ADJS: &[&str] = &[
    "sharp",
    "modest",
    "steady",
    "unexpected",
    "gradual",
    "significant",
    "slight",
    "record",
    "temporary",
    "lasting",
];
const PLANS: &[&str] = &[
    "a review of the contract",
    "new rules for landlords",
    "an extra train every hour",
    "a freeze on hiring",
    "a public consultation",
    "two new clinics",
    "a cap on annual increases",
    "an independent audit",
    "a second ferry route",
    "longer opening hours",
    "a pilot scheme in three districts",
    "a ban on diesel buses",
];
const REASONS: &[&str] = &[
    "because demand had outpaced supply",
    "after a dry summer",
    "as borrowing costs climbed",
    "after months of negotiations",
    "despite objections from residents",
    "while inspectors examined the site",
    "once the budget was approved",
    "because of staff shortages",
    "after heavy storms damaged the line",
    "as tourism recovered",
];
const VOICES: &[&str] = &[
    "We",
    "The council",
    "Residents",
    "Our members",
    "The government",
    "Nobody",
    "Families",
    "The town",
    "Small businesses",
    "Our staff",
];
const MODALS: &[&str] = &[
    "cannot keep",
    "will not stop",
    "must start",
    "should not have to keep",
    "have every right to keep",
    "were never asked before",
    "will keep",
    "deserve better than",
];
const ACTS: &[&str] = &[
    "paying more for less",
    "waiting for a decision",
    "asking the same questions",
    "covering the cost of delays",
    "hearing promises about",
    "reading about",
    "arguing over",
    "guessing about",
    "funding repairs to",
    "worrying about",
];

/// A quoted opinion: voice, modal and act, with the topic.
fn opinion(rng: &mut Rng, topic: &str) -> String {
    let text = format!(
        "{} {} {} {topic}",
        rng.pick(VOICES),
        rng.pick(MODALS),
        rng.pick(ACTS)
    );
    text.replace("Nobody were", "Nobody was")
}

/// Rare defects of the kinds mtlint reports, each a template with the same slots.
const DEFECTS: &[&str] = &[
    "Related News",
    "Facebook\nTwitter\nWhatsApp\nEmail",
    "Workers cleared the road overnight. AP",
    "{P} left the meeting on {D}. Ta.",
    "Prices in Kiev {V} by {N} percent, {S} {P}.",
    "The the {T} plan was was delayed.",
    "{S} {P} said that the plan for {T} was approved by the.",
    "The {O} met on {D}officialsThe meeting ended early.",
    "Photo: {S} {P} / Reuters",
];

/// One generated person of an article: given name, surname, title.
struct Person {
    given: &'static str,
    surname: &'static str,
    title: &'static str,
    female: bool,
}

/// An article of 6 to 18 paragraphs on one topic in one place, with 2 to 4 people.
pub fn article(rng: &mut Rng) -> String {
    let place = rng.pick(PLACES);
    let topic = rng.pick(TOPICS);
    let org = rng.pick(ORGS);
    let people: Vec<Person> = (0..2 + rng.below(3))
        .map(|_| Person {
            given: rng.pick(GIVEN),
            surname: rng.pick(SURNAMES),
            title: rng.pick(TITLES),
            female: rng.below(2) == 0,
        })
        .collect();
    let mut out = String::with_capacity(4096);
    let headline = match rng.below(4) {
        0 => format!(
            "{place} to review {topic} as {} {} sharply",
            rng.pick(NOUNS),
            rng.pick(VERBS_PAST)
        ),
        1 => format!(
            "{} {} warns over {topic}",
            people[0].title, people[0].surname
        ),
        2 => format!("Row over {topic} deepens in {place}"),
        _ => format!("{place} approves {}", rng.pick(PLANS)),
    };
    out.push_str(&capitalise(&headline));
    out.push_str("\n\n");
    let paragraphs = 6 + rng.below(13);
    for p in 0..paragraphs {
        let sentences = 1 + rng.below(4);
        for s in 0..sentences {
            if s > 0 {
                out.push(' ');
            }
            let first = p == 0 && s == 0;
            let person = &people[rng.below(people.len())];
            out.push_str(&sentence(rng, place, topic, org, person, first));
        }
        out.push_str("\n\n");
        if rng.chance(25) {
            let template = rng.pick(DEFECTS);
            let person = &people[rng.below(people.len())];
            out.push_str(&fill(rng, template, topic, org, person));
            out.push_str("\n\n");
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn number(rng: &mut Rng) -> String {
    match rng.below(4) {
        0 => format!("{}", 2 + rng.below(97)),
        1 => format!("{}.{}", 1 + rng.below(30), rng.below(10)),
        2 => format!("{},{:03}", 1 + rng.below(90), rng.below(1000)),
        _ => format!("{}", 100 + rng.below(9900)),
    }
}

/// Fills the slots of a defect template.
fn fill(rng: &mut Rng, template: &str, topic: &str, org: &str, p: &Person) -> String {
    template
        .replace("{P}", p.surname)
        .replace("{S}", if p.female { "Ms." } else { "Mr." })
        .replace("{D}", rng.pick(DAYS))
        .replace("{V}", rng.pick(VERBS_PAST))
        .replace("{N}", &number(rng))
        .replace("{T}", topic)
        .replace("{O}", org)
}

fn sentence(rng: &mut Rng, place: &str, topic: &str, org: &str, p: &Person, first: bool) -> String {
    let honorific = if p.female { "Ms." } else { "Mr." };
    let pronoun = if p.female { "she" } else { "he" };
    let day = rng.pick(DAYS);
    let n = number(rng);
    if first {
        return format!(
            "{} {} {} of {place}, {} {} {} {}, {} on {day} that {org} would consider {} {}.",
            capitalise(p.title),
            p.given,
            p.surname,
            rng.pick(NOUNS),
            rng.pick(VERBS_PAST),
            n,
            "percent last year",
            rng.pick(SAY),
            rng.pick(PLANS),
            rng.pick(REASONS)
        );
    }
    match rng.below(12) {
        0 => format!(
            "“{},” {honorific} {} {}, adding that {pronoun} expected a decision by {}.",
            opinion(rng, topic),
            p.surname,
            rng.pick(SAY),
            rng.pick(MONTHS)
        ),
        1 => format!(
            "{} in {place} {} by {n} percent in {}, according to {org}.",
            capitalise(rng.pick(NOUNS)),
            rng.pick(VERBS_PAST),
            rng.pick(MONTHS)
        ),
        2 => format!(
            "The {} change to {topic} came {}, {} {} {}.",
            rng.pick(ADJS),
            rng.pick(REASONS),
            honorific,
            p.surname,
            rng.pick(SAY)
        ),
        3 => format!(
            "{} has proposed {} and {}, which would cost about {n} million euros over {} years.",
            capitalise(org),
            rng.pick(PLANS),
            rng.pick(PLANS),
            2 + rng.below(9)
        ),
        4 => format!(
            "Critics in {place} say {topic} has been neglected for {} years — a claim {honorific} {} {}.",
            2 + rng.below(30),
            p.surname,
            rng.pick(&[
                "rejects",
                "disputes",
                "denies",
                "calls unfair",
                "has not answered"
            ])
        ),
        5 => format!(
            "On {day}, about {n} people gathered outside the town hall in {place} to protest against {}.",
            rng.pick(PLANS)
        ),
        6 => format!(
            "{} {} {} that the {} rise in {} was {}.",
            p.title,
            p.surname,
            rng.pick(SAY),
            rng.pick(ADJS),
            rng.pick(NOUNS),
            rng.pick(REASONS).replacen("because", "partly because", 1)
        ),
        7 => {
            let noun = rng.pick(NOUNS);
            format!(
                "Asked on {day} whether {org} would back down, {honorific} {} said: “{}.”",
                p.surname,
                opinion(rng, noun)
            )
        }
        8 => format!(
            "The number of {} reached {n} in the {} quarter, the highest since {}.",
            rng.pick(NOUNS),
            ["first", "second", "third", "fourth"][rng.below(4)],
            1990 + rng.below(34)
        ),
        9 => format!(
            "{} {} of {org} {} {} would be announced on {day}.",
            capitalise(p.title),
            p.surname,
            rng.pick(SAY),
            rng.pick(PLANS)
        ),
        10 => format!(
            "Residents of {place} have until {} {} to comment on {}, {} it was {}.",
            1 + rng.below(28),
            rng.pick(MONTHS),
            rng.pick(PLANS),
            if rng.below(2) == 0 {
                "although"
            } else {
                "even though"
            },
            rng.pick(REASONS)
        ),
        _ => format!(
            "{} {} {} and {} {} since {}, the {} report by {org} showed.",
            capitalise(rng.pick(NOUNS)),
            rng.pick(VERBS_PAST),
            n,
            rng.pick(NOUNS),
            rng.pick(VERBS_PAST),
            rng.pick(MONTHS),
            rng.pick(ADJS)
        ),
    }
}

/// Articles until at least `bytes`, each separately.
pub fn articles(seed: u64, bytes: usize) -> Vec<String> {
    let mut rng = Rng::new(seed);
    let mut out = Vec::new();
    let mut total = 0;
    while total < bytes {
        let a = article(&mut rng);
        total += a.len();
        out.push(a);
    }
    out
}
