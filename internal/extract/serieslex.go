package extract

import "strings"

// The vocabulary of events: the nouns that name them, the nouns that count
// their editions, ordinals in English and Arabic, and the words around them
// that say whether an edition is being held, is past or is next.

type lexFlags uint32

const (
	lxHead        lexFlags = 1 << iota // an event noun: conference, summit, مؤتمر
	lxWeak                             // an event noun that needs a name: meeting, assembly, week
	lxAnchor                           // counts editions: edition, session, النسخة، الدورة
	lxAnchorPron                       // an Arabic anchor with a pronoun: دورتها، نسخته
	lxConn                             // may stand between an ordinal and its noun: annual, consecutive
	lxDrop                             // left out of series keys: international, annual, الدولي
	lxStop                             // ends an event's name: determiners, prepositions, headline verbs
	lxPresent                          // the event is being held: opens, today, افتتاح
	lxRetro                            // looks back: previous, last, السابقة
	lxFuture                           // looks ahead: next, المقبلة
	lxDecoy                            // a thing ordinals count that is no event: anniversary, day, floor
	lxPressMod                         // press, news, video: a press conference is no event
	lxPlace                            // a place: host labels ("the Baghdad summit")
	lxMonth                            // Arabic month word: كانون الثاني is no edition
	lxTeen                             // عشر: الحادي عشر
	lxCompound                         // an ordinal unit only in compounds: الحادي
	lxAcronym                          // written before an edition number: COP29, COP 28
	lxSince                            // since, منذ: "the first summit since 1990" counts no edition
	lxPlural                           // a plural or dual event noun: conferences, المؤتمرين
	lxNotHeadNext                      // after an event noun, makes it a modifier: conference room, fair trial
	lxNotHeadPrev                      // before an Arabic event noun, makes it a place: قاعة المؤتمرات
	lxCue                              // phrase words read by position: year, عام, held
	lxSpecial                          // emergency, extraordinary, طارئة: an unnumbered meeting of a series
)

// lexEntry is what the event finder knows about one word form.
type lexEntry struct {
	flags   lexFlags
	ordinal int8  // ordinal value (first: 1, twentieth: 20), 0 for none
	tens    int8  // a tens number in compounds (thirty-fourth, الرابعة والثلاثين)
	head    uint8 // 1 + index into eventNouns
}

// eventNoun is a noun that names an event.
type eventNoun struct {
	canon string // singular form used in series keys
	kind  uint8  // nouns of one kind can refer to the same event (conference, مؤتمر)
	weak  bool   // needs a name (and an edition or the catalogue) to be an event
}

// Kinds of event nouns.
const (
	kindConference = iota + 1
	kindSummit
	kindForum
	kindCongress
	kindFair
	kindFestival
	kindDialogue
	kindMeeting
	kindWeek
	kindAssembly
	kindSymposium
	kindCouncil
	kindGathering // refers to an event of any kind: "the next gathering"
)

// kindBits returns the kinds noun n can refer to, as a bit set.
func (n eventNoun) kindBits() uint32 {
	if n.kind == kindGathering {
		return 1<<(kindGathering+1) - 2
	}
	return 1 << n.kind
}

// eventNounForms lists event nouns: kind, weak, canonical form, then its
// other forms (Arabic forms are added with and without the article).
var eventNounForms = []struct {
	kind  uint8
	weak  bool
	forms string // first is the canonical one; plurals and duals after "|"
}{
	{kindConference, false, "conference|conferences"},
	{kindConference, false, "مؤتمر|مؤتمرات مؤتمرين مؤتمري"},
	{kindSummit, false, "summit|summits"},
	{kindSummit, false, "قمه|قمم قمتين قمتي"},
	{kindForum, false, "forum|forums fora"},
	{kindForum, false, "منتدي|منتديات"},
	{kindForum, false, "ملتقي|ملتقيات"},
	{kindCongress, true, "congress|congresses"},
	{kindFair, false, "fair|fairs"},
	{kindFair, false, "exhibition|exhibitions"},
	{kindFair, false, "expo|"},
	{kindFair, false, "airshow|airshows"},
	{kindFair, false, "معرض|معارض"},
	{kindFair, false, "اكسبو|"},
	{kindFestival, false, "festival|festivals"},
	{kindFestival, false, "مهرجان|مهرجانات"},
	{kindDialogue, true, "dialogue|dialogues"},
	{kindDialogue, true, "dialog|"},
	{kindDialogue, true, "حوار|"},
	{kindMeeting, true, "meeting|meetings"},
	{kindMeeting, true, "اجتماع|اجتماعات"},
	{kindWeek, true, "week|"},
	{kindWeek, true, "اسبوع|"},
	{kindAssembly, true, "assembly|"},
	{kindAssembly, true, "session|sessions"}, // "the 79th UNGA session"; also an edition noun
	{kindAssembly, true, "جمعيه|"},
	{kindSymposium, true, "symposium|"},
	{kindSymposium, true, "ندوه|"},
	{kindCouncil, true, "council|"},
	{kindCouncil, true, "مجلس|"},
	{kindGathering, true, "gathering|gatherings"},
}

var (
	englishOrdinals = map[string]int{
		"first": 1, "inaugural": 1, "maiden": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
		"sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
		"thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17,
		"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40,
		"fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
	}
	englishTens = map[string]int{
		"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
	}
	// Arabic ordinals, masculine and feminine (normalised: ة is ه, ى is ي)
	arabicOrdinals = map[string]int{
		"اول": 1, "اولي": 1, "ثاني": 2, "ثانيه": 2, "ثالث": 3, "ثالثه": 3, "رابع": 4, "رابعه": 4,
		"خامس": 5, "خامسه": 5, "سادس": 6, "سادسه": 6, "سابع": 7, "سابعه": 7, "ثامن": 8, "ثامنه": 8,
		"تاسع": 9, "تاسعه": 9, "عاشر": 10, "عاشره": 10,
	}
	arabicCompoundUnits = []string{"حادي", "حاديه", "واحد", "واحده"}
	arabicTeens         = []string{"عشر", "عشره"}
	arabicTens          = map[string]int{
		"عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
		"خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
		"ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
	}
	anchorWords = []string{"edition", "editions", "session", "sessions", "iteration", "instalment", "installment",
		"نسخه", "نسخ", "نسختين", "نسختي", "دوره", "دورات", "دورتين", "دورتي"}
	anchorPronWords = []string{"نسختها", "نسخته", "دورتها", "دورته", "نسختيها", "دورتيها", "نسختيه", "دورتيه"}
	connWords       = []string{"annual", "consecutive", "successive", "straight", "yearly", "ever", "edition",
		"ordinary", "regular", "سنوي", "سنويه"}
	dropWords = []string{"the", "a", "an", "of", "on", "for", "to", "in", "at", "and", "s", "annual", "yearly",
		"international", "regional", "ordinary", "regular", "emergency", "extraordinary", "edition", "its",
		"دولي", "دوليه", "سنوي", "سنويه", "اقليمي", "اقليميه", "عادي", "عاديه", "طارئ", "طارئه",
		"استثنائي", "استثنائيه", "و"}
	// stopWords end a name: determiners, pronouns, prepositions, verbs of
	// headlines, words of time.
	stopWords = []string{
		"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her", "our", "your", "my",
		"next", "last", "previous", "upcoming", "coming", "forthcoming", "recent", "latest", "new", "same",
		"each", "every", "any", "another", "such", "which", "what", "whose", "who", "where", "when",
		"at", "in", "on", "to", "for", "from", "with", "by", "into", "during", "after", "before", "ahead",
		"amid", "about", "as", "than", "since", "until", "via", "over", "under", "between", "among", "against",
		"is", "was", "are", "were", "be", "been", "will", "would", "has", "have", "had", "not",
		"host", "hosts", "hosted", "hosting", "attend", "attends", "attended", "attending", "open", "opens",
		"opened", "opening", "close", "closes", "closed", "closing", "hold", "holds", "held", "holding",
		"join", "joins", "joined", "joining", "launch", "launches", "launched", "kick", "kicks", "kicked",
		"begin", "begins", "began", "start", "starts", "started", "end", "ends", "ended", "conclude",
		"concludes", "concluded", "concluding", "wrap", "wraps", "say", "says", "said", "urge", "urges",
		"call", "calls", "tell", "tells", "told", "address", "addresses", "addressed", "lead", "leads", "led",
		"chair", "chairs", "chaired", "visit", "visits", "arrive", "arrives", "arrived", "head", "heads",
		"headed", "skip", "skips", "boycott", "boycotts", "prepare", "prepares", "participate", "participates",
		"take", "takes", "took", "part", "set", "sets", "organize", "organizes", "organised", "organized",
		"organise", "organises", "sponsor", "sponsored", "back", "backs", "welcome", "welcomes", "invite",
		"invites", "invited", "and", "or", "but", "also", "both", "of", "how", "why", "ministers", "leaders",
		"officials", "delegates", "delegation", "delegations", "pm", "president", "minister", "king", "emir",
		"prime", "speaker", "today", "tomorrow", "yesterday", "year", "years", "month", "week", "day",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
		"big", "major", "key", "high", "level", "largest", "biggest", "huge", "one", "sidelines", "margins",
		"في", "علي", "عن", "الي", "مع", "من", "منذ", "حتي", "التي", "الذي", "اللذين", "الذين", "اللتين",
		"حيث", "بعد", "قبل", "خلال", "لدي", "عند", "امس", "اليوم", "غدا", "يوم", "صباح", "مساء", "ظهر",
		"بمشاركه", "بحضور", "برعايه", "تحت", "وسط", "ضمن", "بين", "حول", "بشان", "لبحث", "لمناقشه",
		"قال", "قالت", "اكد", "اكدت", "اعلن", "اعلنت", "ان", "انه", "انها", "كما", "او", "ثم", "لكن",
		"هذا", "هذه", "ذلك", "تلك", "الذي", "والتي", "والذي", "عام", "العام", "سنه", "شهر", "الشهر",
		"الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت",
		"المقبل", "المقبله", "القادم", "القادمه", "الماضي", "الماضيه", "السابق", "السابقه", "الحالي",
		"الحاليه", "الجاري", "الجاريه", "الاخير", "الاخيره", "المنعقد", "المنعقده", "المقرر", "المقرره",
		"المزمع", "التابع", "التابعه", "المزمعه", "المرتقب", "المرتقبه", "الذي", "فيها", "فيه", "لها", "له", "عليها",
	}
	presentWords = []string{"opening", "opened", "opens", "kicked", "kicks", "launched", "launches",
		"inaugurated", "inaugurates", "began", "begins", "started", "starts", "underway", "today",
		"current", "ongoing", "this", "will", "participate", "participating", "participates", "attend",
		"attending", "attends", "attended", "sidelines", "hosting", "hosts", "hosted", "convened", "convenes",
		"concluded", "concludes", "concluding", "closing", "closed", "upcoming", "tomorrow", "preparations",
		"preparing", "currently", "held", "holds", "holding", "now", "wraps", "wrapped", "ends", "ended",
		"takes", "taking", "opening", "arrived", "arrive", "arrives", "addressed", "addresses", "addressing",
		"speaking", "told", "statement", "declaration", "communique", "delegation", "delegations", "heads",
		"انطلاق", "انطلقت", "تنطلق", "انطلاقه", "افتتاح", "افتتح", "افتتحت", "افتتاحيه", "يفتتح", "اليوم",
		"حالي", "حاليه", "هذا", "هذه", "يشارك", "تشارك", "مشاركه", "انعقاد", "ينعقد", "تنعقد", "يستضيف",
		"تستضيف", "اعمال", "ختام", "اختتام", "اختتمت", "اختتم", "فعاليات", "جلسات", "مرتقب", "مقبل",
		"المنعقد", "المنعقده", "تحتضن", "يحتضن", "احتضنت", "استضافت", "استضاف", "عقدت", "عقد", "تعقد",
		"يعقد", "وصل", "وصلت", "يصل", "تصل", "كلمته", "كلمتها", "البيان", "الختامي", "اعلان", "مشاركا",
		"مشاركته", "مشاركتها", "ترؤس", "يترؤس", "ترأس"}
	retroWords = []string{"previous", "previously", "past", "earlier", "prior", "preceding", "former",
		"ago", "since", "success", "successful", "successes", "already", "predecessor", "predecessors",
		"سابق", "سابقه", "سابقتين", "سابقين", "سابقتان", "سابقا", "ماضي", "ماضيه", "منذ", "سبق", "سبقت",
		"نجاح", "نجاحات", "سالف", "سالفه", "الفائت", "الفائته", "فائت", "فائته"}
	futureWords = []string{"next", "المقبل", "المقبله", "القادم", "القادمه", "مقبل", "مقبله", "قادم", "قادمه"}
	decoyWords  = []string{"anniversary", "anniversaries", "time", "times", "day", "days", "floor", "floors",
		"minute", "minutes", "century", "centuries", "round", "rounds", "place", "year", "years", "month",
		"months", "week", "weeks", "appearance", "appearances", "term", "terms", "visit", "visits", "trip",
		"wave", "phase", "stage", "quarter", "half", "goal", "goals", "leg", "match", "grade", "largest",
		"biggest", "most", "highest", "lowest", "generation", "batch", "package", "consignment", "tranche",
		"attempt", "attempts", "reading", "vote", "ballot", "hour", "hours", "seat", "row", "person",
		"country", "city", "woman", "man", "deputy", "kind", "ever-largest",
		"ذكري", "الذكري", "مره", "المره", "يوم", "اليوم", "جوله", "الجوله", "طابق", "الطابق", "قرن", "القرن",
		"دقيقه", "الدقيقه", "مرحله", "المرحله", "شوط", "الشوط", "درجه", "الدرجه"}
	pressMods = []string{"press", "news", "video", "virtual", "teleconference", "صحفي", "صحفيا", "صحافي",
		"صحفيه", "صحافيه", "مرئي", "افتراضي"}
	notHeadNext = []string{"room", "rooms", "hall", "halls", "call", "calls", "centre", "center", "centres",
		"centers", "palace", "table", "trial", "trials", "share", "play", "price", "prices", "deal", "chance",
		"election", "elections", "wage", "wages", "game", "value", "competition", "treatment", "weather",
		"ground", "grounds", "season", "goers", "organizers", "organisers", "rights", "use"}
	notHeadPrev  = []string{"قاعه", "مركز", "قصر", "غرفه", "قاعات", "مدينه"}
	arabicMonths = []string{"كانون", "تشرين", "ربيع", "جمادي", "جماد"}
	sinceWords   = []string{"since", "منذ"}
	cueWords     = []string{"year", "years", "held", "عام", "العام", "سنه"}
	specialWords = []string{"emergency", "extraordinary", "special", "urgent", "طارئ", "طارئه", "استثنائي",
		"استثنائيه", "غير", "عاجل", "عاجله"}
)

// addLex enters word k in lex with flags fl, an ordinal or tens value and
// an event noun's number (0: none); an Arabic word also with the article
// added or removed.
func addLex(lex map[string]lexEntry, k string, fl lexFlags, ord, tens int, head int) {
	keys := []string{lookupKey(k)}
	if keys[0] == "" {
		return
	}
	if isArabicKey(keys[0]) {
		if s := stripArticle(keys[0]); s != keys[0] {
			keys = append(keys, s)
		} else {
			keys = append(keys, "ال"+keys[0])
		}
	}
	for _, key := range keys {
		e := lex[key]
		e.flags |= fl
		if ord != 0 {
			e.ordinal = int8(ord)
		}
		if tens != 0 {
			e.tens = int8(tens)
		}
		if head != 0 && e.head == 0 {
			e.head = uint8(head)
		}
		lex[key] = e
	}
}

// buildLexicon returns the event vocabulary by word key. Arabic words are
// entered with and without the article.
func buildLexicon() (map[string]lexEntry, []eventNoun) {
	lex := map[string]lexEntry{}
	add := func(k string, fl lexFlags, ord, tens int, head int) { addLex(lex, k, fl, ord, tens, head) }
	words := func(ws []string, fl lexFlags) {
		for _, w := range ws {
			add(w, fl, 0, 0, 0)
		}
	}
	var nouns []eventNoun
	for _, f := range eventNounForms {
		canon, plurals, _ := strings.Cut(f.forms, "|")
		nouns = append(nouns, eventNoun{canon: lookupKey(canon), kind: f.kind, weak: f.weak})
		id := len(nouns)
		fl := lxHead
		if f.weak {
			fl = lxWeak
		}
		add(canon, fl, 0, 0, id)
		for _, p := range strings.Fields(plurals) {
			add(p, fl|lxPlural, 0, 0, id)
		}
	}
	for k, v := range englishOrdinals {
		add(k, 0, v, 0, 0)
	}
	for k, v := range englishTens {
		add(k, 0, 0, v, 0)
	}
	for k, v := range arabicOrdinals {
		add(k, 0, v, 0, 0)
	}
	for _, k := range arabicCompoundUnits {
		add(k, lxCompound, 1, 0, 0)
	}
	for k, v := range arabicTens {
		add(k, 0, 0, v, 0)
	}
	words(arabicTeens, lxTeen)
	words(anchorWords, lxAnchor)
	words(anchorPronWords, lxAnchorPron)
	words(connWords, lxConn)
	words(dropWords, lxDrop)
	words(stopWords, lxStop)
	words(presentWords, lxPresent)
	words(retroWords, lxRetro)
	words(futureWords, lxFuture)
	words(decoyWords, lxDecoy)
	words(pressMods, lxPressMod)
	words(notHeadNext, lxNotHeadNext)
	words(notHeadPrev, lxNotHeadPrev)
	words(arabicMonths, lxMonth)
	words(sinceWords, lxSince)
	words(cueWords, lxCue)
	words(specialWords, lxSpecial)
	return lex, nouns
}
