"""Text normalisation and the word lists the resolver strips before matching."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, get_args

__all__ = [
    "CARRIER_WORDS",
    "LATIN_PART_WORDS",
    "MAX_INPUT_LENGTH",
    "NO_JOIN_WORDS",
    "ORGANISM_WORDS",
    "PART_WORDS",
    "POPULATION_WORDS",
    "PRODUCT_TYPE_WORDS",
    "RELEASE_WORDS",
    "ROUTE_WORDS",
    "SALT_WORDS",
    "SMOKED_FORM_WORDS",
    "STOP_WORDS",
    "SUPPLY_WORDS",
    "UNIT_WORDS",
    "VITAMIN_SPELLINGS",
    "NamedRoute",
    "NegationRule",
    "ProductTypeWord",
    "negation_in",
    "normalize",
    "tokens",
]

#: Words of a product's name that say what its active does, for the kinds of OTC product whose
#: actives FDA's monographs limit: a sunscreen ("SPF") holds UV filters, an antiperspirant an
#: aluminium salt, an antiseptic or a sanitizer an antiseptic, a toothpaste a fluoride.
ProductTypeWord = Literal[
    "antibacterial",
    "anticavity",
    "antiperspirant",
    "antiseptic",
    "deodorant",
    "sanitizer",
    "spf",
    "sunscreen",
    "toothpaste",
]
PRODUCT_TYPE_WORDS: frozenset[str] = frozenset(get_args(ProductTypeWord))

#: Routes a medication string names by a word, as FDA's NDC Directory names them (lower case).
NamedRoute = Literal["nasal", "ophthalmic"]

#: The words that name them ("Zyrtec Itchy Eye Drops" is given in the eye).
ROUTE_WORDS: Mapping[str, NamedRoute] = MappingProxyType(
    {
        "eye": "ophthalmic",
        "eyes": "ophthalmic",
        "ocular": "ophthalmic",
        "ophthalmic": "ophthalmic",
        "intranasal": "nasal",
        "nasal": "nasal",
        "nose": "nasal",
    }
)

#: Longest medication string accepted (sig text included). Longer input is refused.
MAX_INPUT_LENGTH = 500

_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc`]")
_TOKEN = re.compile(r"[a-z]+|[0-9]+")


# Cyrillic and Greek letters that look like Latin ones (after case folding). They are folded
# only inside a word that also has Latin letters ("lorazepam" typed with a Cyrillic o), so that a
# look-alike is read as the word it imitates and never fuzzed into another drug.
_LOOKALIKES = str.maketrans(
    "аеорсухіјѕԁһӏкмтнвгпзαορνκιτυχεβγ",
    "aeopcyxijsdhlkmthbrn3aopvkituxeby",
)
_WORD = re.compile(r"[^\W\d_]+")
_LATIN = re.compile(r"[a-z]")
_MICRO = re.compile(r"\u03bc(?=[gl]\b)")
_OTHER_TOKEN = re.compile(r"[a-z]+|[0-9]+|[^\W\d_a-z]+")


def _fold_lookalikes(match: re.Match[str]) -> str:
    word = match.group(0)
    if _LATIN.search(word) and not word.isascii():
        return word.translate(_LOOKALIKES)
    return word


def normalize(text: str) -> str:
    """Fold ``text`` to lower-case words separated by single spaces.

    NFKD plus removal of combining marks, case folding, apostrophes dropped, a break at every
    letter/digit boundary ("5mg" -> "5 mg", "7OH" -> "7 oh"), anything else a separator.
    Cyrillic or Greek look-alike letters inside a Latin word are folded to Latin; a word in
    another script (Thai, Cyrillic...) is kept as a word of its own.
    """
    if text.isascii():
        text = text.lower().replace("'", "").replace("`", "")
        return " ".join(_TOKEN.findall(text))
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _MICRO.sub("u", text.casefold())  # micro sign -> u (mcg written as ug)
    text = _APOSTROPHES.sub("", text)
    text = _WORD.sub(_fold_lookalikes, text)
    return " ".join(_OTHER_TOKEN.findall(text))


def tokens(text: str) -> list[str]:
    return normalize(text).split()


#: A negation pattern as (words, position, id); position is "before", "after" or "either".
NegationRule = tuple[tuple[str, ...], str, str]


def negation_in(words: list[str], rules: tuple[NegationRule, ...]) -> str | None:
    """The id of the first rule that marks ``words`` (a normalised input) as not taken.

    "before": the input starts with the pattern and has at least one word after it;
    "after": the pattern follows at least one word; "either": both are accepted.
    """
    n = len(words)
    for pattern, position, rid in rules:
        k = len(pattern)
        if not k or n <= k:
            continue
        if position != "after" and tuple(words[:k]) == pattern:
            return rid
        if position != "before":
            for i in range(1, n - k + 1):
                if tuple(words[i : i + k]) == pattern:
                    return rid
    return None


_UNITS = """
mg mcg ug g gm gms gram grams kg ml cc l meq mmol unit units iu u mm mcl mgs mgml percent pct
hr hrs h min mins
"""
_FORMS = """
tab tabs tablet tablets tb cap caps capsule capsules caplet caplets gelcap gelcaps softgel softgels
odt susp suspension sol soln solution syr syrup liquid elixir conc concentrate inj injection
injectable vial vials amp ampule ampoule patch patches film films strip strips spray sprays
nasal inhaler inh mdi neb nebulizer nebs cream crm oint ointment gel lotion drops drop gtt gtts
powder pwd packet packets sachet lozenge lozenges troche troches supp suppository suppositories
chewable chew chewables gum kit pen pens cartridge syringe pfs prefilled autoinjector device
oral topical transdermal sublingual buccal rectal vaginal ophthalmic otic intravenous
intramuscular subcutaneous intranasal disintegrating orally dispersible effervescent
enteric coated dose doses dosepak dospak pack tea extract extracts shot shots leaf leaves resin
tincture oil hfa diskus respimat ellipta flexpen kwikpen
"""
_RELEASE = """
er xr xl sr cr la dr ec ir ds sa cd xt ert er24 extended release delayed immediate sustained
controlled modified long acting forte mite mitte retard depot rapid junior
"""
_ROUTES = "po iv im sc sq subq sl pr ng gt peg pv top td"
_SIG = """
take takes taking tk give given use using apply inhale inject instill chew dissolve place
one two three four five six half by mouth daily bid tid qid qd qod qhs hs qam qpm qday qdaily
q prn as needed need for every each hours hour times time day days week weeks weekly month
monthly at bedtime morning evening night nightly noon with without food meals meal before
after and or of the a an per x then once twice up to max maximum refill refills qty disp
dispense sig if when while until continue continued on in into under tongue
"""
_SALTS = """
hydrochloride hcl hbr hydrobromide sulfate sulphate bisulfate bitartrate tartrate succinate
maleate mesylate besylate camsylate citrate dihydrogen phosphate acetate sodium potassium
fumarate hemifumarate hyclate monohydrate dihydrate hemihydrate trihydrate sesquihydrate
anhydrous bromide chloride dipropionate propionate valerate furoate xinafoate pamoate
decanoate palmitate enanthate cypionate lactate gluconate napsylate teoclate axetil
medoxomil pivoxil disoproxil alafenamide malate stearate estolate ethylsuccinate base salt
calcium magnesium carbonate dihydrochloride trihydrochloride disodium trisodium tetrasodium
tromethamine meglumine dimeglumine tosylate tosilate besilate mesilate esylate edisylate
iodide benzoate metilsulfate methylsulfate methosulfate oleate aspartate glycinate oxalate
pivalate isethionate olamine diolamine hydrate acetonide
tetrahydrate pentahydrate hexahydrate heptahydrate octahydrate nonahydrate decahydrate
dodecahydrate tetradecahydrate hexadecahydrate octadecahydrate hemipentahydrate
hemiheptahydrate heminonahydrate
saccharate lactobionate erbumine hippurate mandelate tannate undecanoate undecylate
cilexetil proxetil etexilate polistirex dimesylate ditosylate dimethanesulfonate trifenatate
mucate butyrate enantate caproate diacetate difumarate dimaleate hemisuccinate dipotassium
ethanolate monohydrochloride trifluoroacetate phenylpropionate phenpropionate hemihydrobromide
laurylsulfate hibenzate tebutate aceponate cyclotate metasulfobenzoate nitrate mononitrate
monopotassium adipate
"""
_NOTES = """
none nkda nka nkma na n a see notes note patient pt pts refused refuses declined declines
unknown unk unsure otc rx med meds medication medications list home discontinued dc d c hold
held stop stopped prior previous current currently not no known allergies allergy drug drugs
other misc miscellaneous various multiple as directed directed instructions pharmacy
states stated state per unable obtain obtained reports reported reviewed seasonal nostril
nostrils each both left right machine eye eyes ear ears skin affected area areas
regimen protocol diet diabetic changes change inr this v
ac pc breakfast lunch dinner supper snack clinic ciwa cows ou subcut subcutaneously correction
endo empty chest sob awake titrate titrated bm bms scheduled severe mild moderate otp verified
off on ha rems implant arm wk wks trough level levels rider infusion infused received
administered ems sbp dbp hr temp score scores baby uses used her his she he him they knees
knee yrs yr years year months mo from smoked snorted injected smoke shop street self treating
isolate water juice oz ounce ounces last ago since prior about approx approximately around
monday mondays tuesday tuesdays wednesday wednesdays thursday thursdays friday fridays
saturday saturdays sunday sundays m w f th sa su mwf tth
"""

_INDICATIONS = """
pain anxiety sleep insomnia depression mood bp pressure blood cholesterol lipids diabetes sugar
nausea vomiting cough cold allergy allergies headache headaches migraine spasm spasms muscle
back neck joint arthritis heart rate rhythm fever infection itching itch rash constipation
diarrhea diarrhoea heartburn reflux gerd acid stomach breathing wheezing asthma copd seizure
seizures adhd focus energy withdrawal cravings craving smoking
"""

#: Dose forms, devices, release and abuse-deterrent markers, package and labeller words and the
#: prefixes of FDA application numbers ("NDA020800") as EHRs send them: never a drug.
_DEVICES_PACKAGES = """
unt actuat inhalation inhalant inhaled injector auto metered breath actuated intrauterine
mucosal intravaginal system systems ring foam shampoo medicated pad pads swab swabs swabstick
swabsticks towelette towelettes wipe wipes enema irrigation
granules granule pellet pellets wafer wafers douche paste mouthwash toothpaste soap emulsion
macrocrystals microcrystals abuse deterrent biphasic container bag bags tube tubes jar
canister blister carton box pak applicator applicators dispenser insert inserts jelly
dressing intrathecal epidural urethral intravesical reservoir chewing mouthpiece form forms
microgram micrograms milligram milligrams usp pharmaceuticals pharmaceutical pharma llc inc
ltd laboratories labs corp aerosol augmented balm bar cake cutaneous dental dry endotracheal
flakes gas gauze guaze intraarticular intracavernosal intradermal intralesional intraperitoneal
intravitreal jet lip membrane mucous perfusion pill product products pudding pump au bau pnu
cells hdm nda anda bla
"""

#: FDA's own dose-form, route and unit words (the NDC Directory's DOSAGEFORMNAME, ROUTENAME and
#: ACTIVE_INGRED_UNIT vocabularies) not listed above, the qualifiers of FDA substance names, the
#: usual short forms of dose forms on EHR lists, homeopathic "special order", and the states
#: of a medical gas ("Oxygen, Compressed").
_FDA_FORMS_ROUTES_UNITS = """
cloth cloths dentifrice filled gelatin globule globules irrigant liniment liposomal lipstick
lyophilized multilayer pastille pastilles plaster plasters poultice rinse salve sponge sponges
stick sticks tape soluble sheet sheets disc discs
percutaneous respiratory infiltration perineural articular auricular parenteral intracaudal
arterial intraocular intrapleural intraspinal intrasynovial intravascular intracardiac
intraventricular transmucosal periodontal subgingival submucosal retrobulbar extracorporeal
endosinusial nasogastric oropharyngeal occlusive conjunctival subconjunctival intrabronchial
enteral
hp kp ci mci uci cfu pfu lf tcid nmol umol ul cm uspu
unspecified
compressed refrigerated cryogenic
liq lot aer gran emul shamp elix loz tinct fc
special order
"""

_PRODUCT_WORDS = """
red green white yellow gold vein bali borneo thai indo malay maeng da sumatra horned horn
elephant super premium enhanced ultra strain strains gummy gummies delta tsp teaspoon
teaspoons tablespoon tablespoons tbsp scoop scoops puff puffs actuation actuations taper
sliding scale pot beers drinks glasses cups cup bottle bottles shot shots tonic tonics
"""

#: Units, sig text and notes: never run together with a neighbouring word to form a name
#: ("g in" is not "gin"), unlike dose forms and release markers ("Oxy IR" is "OxyIR").
NO_JOIN_WORDS: frozenset[str] = frozenset(
    " ".join(
        (
            _UNITS,
            _ROUTES,
            _SIG,
            _NOTES,
            _INDICATIONS,
            _PRODUCT_WORDS,
            _DEVICES_PACKAGES,
            _FDA_FORMS_ROUTES_UNITS,
        )
    ).split()
)

#: Words that mark an entry as a supply or device rather than a medicine ("lancets",
#: "insulin syringes", "test strips"), or as the liquid that dissolves one ("Sterile Diluent
#: for Remodulin" holds no treprostinil): such an entry resolves to nothing.
SUPPLY_WORDS: frozenset[str] = frozenset(
    [
        "diluent",
        "diluents",
        "lancet",
        "lancets",
        "glucometer",
        "syringes",
        "needles",
        "cpap",
        "bipap",
        "cuff",
        "spacer",
        "supplies",
        "test",
        "tests",
    ]
)

#: Products that carry a drug onto the skin ("benzocaine swab", "alcohol prep pad"). On them the
#: bare word "alcohol" names the antiseptic, isopropyl or ethyl alcohol, never a drink.
CARRIER_WORDS: frozenset[str] = frozenset(
    [
        *("pad", "pads", "swab", "swabs", "swabstick", "swabsticks"),
        *("towelette", "towelettes", "wipe", "wipes"),
    ]
)

#: Words that name the patients a product line member is made for ("Childrens Tylenol Cold
#: Plus Flu" holds other drugs than "Tylenol Cold Plus Flu").
POPULATION_WORDS: frozenset[str] = frozenset(
    [
        *("adult", "adults", "baby", "child", "children", "childrens", "infant", "infants"),
        *("jr", "junior", "kid", "kids", "pediatric", "toddler", "toddlers"),
    ]
)

#: Parts of a plant, fungus or animal that FDA names a substance by ("avena sativa flowering
#: top", "ambrosia artemisiifolia pollen", "atractylodes japonica root oil").
PART_WORDS: frozenset[str] = frozenset(
    [
        *("bark", "bean", "berry", "bulb", "flower", "flowering", "fruit", "herb", "juice"),
        *("leaf", "leafy", "oil", "peel", "pollen", "resin", "rhizome", "root", "seed"),
        *("shell",),
        *("spore", "stem", "top", "tuber", "twig", "venom", "whole", "wood"),
        *("dander", "epithelia", "epithelium", "feather", "feathers", "hair", "pelt", "skin"),
    ]
)

#: Latin plant parts as homeopathic and flower-essence labels write them after the plant
#: ("Clematis vitalba, flos" is FDA's "clematis vitalba flower"), with FDA's part word.
LATIN_PART_WORDS: Mapping[str, str] = MappingProxyType(
    {"flos": "flower", "flores": "flower", "radix": "root"}
)

#: "Vitamin" as French, Dutch, Spanish, Italian and Portuguese lists write it, read as English
#: before the vitamin's letter ("Vitamine D3" is vitamin D3). Alone, "vitamine" stays "vitamin
#: E" run together.
VITAMIN_SPELLINGS: frozenset[str] = frozenset({"vitamine", "vitamina"})

#: Names of a way of taking a drug that stand for its usual drug when alone ("vape",
#: "cigarettes": nicotine). Beside another drug they name its form ("THC vape").
SMOKED_FORM_WORDS: frozenset[str] = frozenset(
    ["cigarette", "cigarettes", "vape", "vapes", "vaping"]
)

#: Words that, after a plant, an animal or a material, name another organism living on it
#: ("Bermuda grass smut" is a fungus, "house dust mite" a mite): not the name before them.
ORGANISM_WORDS: frozenset[str] = frozenset(["mite", "mites", "mold", "molds", "smut", "smuts"])

#: Release and strength markers of a brand ("Zohydro ER", "Citanest Forte").
RELEASE_WORDS: frozenset[str] = frozenset(_RELEASE.split())

#: Units of strength ("65 mg iron" states a content, not a second drug).
UNIT_WORDS: frozenset[str] = frozenset(_UNITS.split())

#: Salt, ester and hydrate words ("ketorolac tromethamine" is ketorolac): stripped as salts.
SALT_WORDS: frozenset[str] = frozenset(_SALTS.split())

#: Words that never name a drug on their own: units, dose forms, release markers, routes,
#: sig text, salts and notes. They are dropped only from what exact matching left over.
STOP_WORDS: frozenset[str] = frozenset(
    " ".join(
        (
            _UNITS,
            _FORMS,
            _RELEASE,
            _ROUTES,
            _SIG,
            _SALTS,
            _NOTES,
            _INDICATIONS,
            _PRODUCT_WORDS,
            _DEVICES_PACKAGES,
            _FDA_FORMS_ROUTES_UNITS,
        )
    ).split()
)
