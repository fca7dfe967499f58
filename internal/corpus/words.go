package corpus

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The vocabulary is the one of the Python generator the first Hugo and
// Pagefind figures were measured on, so that corpora written since have the
// same token statistics (which drive the size of the search index).
var (
	scopes = []string{"Onboarding", "Adoption", "Rétention", "Expansion", "Advocacy", "Achat"}
	tools  = []string{
		"Salesforce", "HubSpot", "Gainsight", "Intercom", "Zendesk", "Freshdesk",
		"Gsheet", "Tableau", "Looker", "Metabase", "Notion", "Confluence", "Jira",
		"Slack", "Pipedrive", "Planhat", "ChurnZero", "Vitally", "Totango",
		"Segment", "Amplitude", "Mixpanel", "Pendo", "Lemlist", "Aircall",
		"Typeform", "Qualtrics", "Airtable", "Zapier", "Make",
	}
	sectors = []string{
		"Banque", "Assurance", "Mutuelle", "SaaS B2B", "Retail", "E-commerce",
		"Télécoms", "Énergie", "Santé", "Éducation", "Industrie", "Logistique",
		"Immobilier", "Tourisme", "Services publics",
	}
	tags = []string{
		"Stratégie", "Équipe & Planification", "Process", "Données", "Automatisation",
		"Formation", "Gouvernance", "KPI", "Voix du client", "Churn", "Upsell",
		"Segmentation", "Playbook", "Support", "Self-service", "Communauté",
		"Pricing", "Design de service", "Moments de vérité", "NPS", "CSAT",
		"Cartographie", "Organisation", "Outillage", "Change management",
		"Fidélisation", "Digitalisation", "Omnicanal", "Qualité", "Réclamations",
		"Parcours collaborateur", "Tableaux de bord", "Contrats", "Renouvellement",
		"Health score", "Relation client", "Marketing", "Produit", "Ventes",
		"Expérience employé",
	}
	stages = []string{"Découverte", "Achat", "Onboarding", "Adoption", "Support",
		"Renouvellement", "Rétention", "Expansion", "Advocacy"}

	funcWords = strings.Fields("le la les un une des du de au aux et ou mais donc car pour avec sans " +
		"dans sur sous entre vers chez par en à qui que dont où ce cette ces " +
		"son sa ses leur leurs notre nos votre vos il elle ils elles nous on " +
		"se ne pas plus très bien aussi déjà encore toujours souvent " +
		"ainsi alors puis enfin même tout tous toute toutes chaque")
	nouns = strings.Fields("client parcours équipe entreprise processus projet objectif enjeu " +
		"organisation stratégie données outil produit service offre contrat " +
		"besoin attente irritant moment vérité étape phase jalon indicateur " +
		"résultat méthode atelier entretien diagnostic cartographie livrable " +
		"recommandation priorité feuille route adoption rétention valeur " +
		"usage fonctionnalité module interface compte abonnement renouvellement " +
		"satisfaction fidélité expérience relation conseiller agence canal " +
		"réclamation demande réponse délai qualité coût budget marge chiffre " +
		"portefeuille segment cible persona utilisateur manager direction " +
		"collaborateur formation accompagnement support ticket escalade " +
		"automatisation tableau bord pilotage gouvernance rituel comité " +
		"revue trimestre mois semaine année marché concurrence tendance " +
		"benchmark levier opportunité risque frein obstacle succès réussite " +
		"échec churn santé score alerte signal campagne message courriel " +
		"appel rendez-vous démonstration essai devis facture paiement " +
		"souscription résiliation mutuelle assurance banque magasin site " +
		"application plateforme écosystème partenaire intégration déploiement " +
		"migration paramétrage reporting analyse synthèse vision culture " +
		"mission rôle responsabilité compétence effectif recrutement")
	verbs = strings.Fields("améliorer définir construire identifier analyser comprendre aligner " +
		"mesurer piloter accompagner simplifier réduire augmenter stimuler " +
		"favoriser adapter déployer prioriser structurer formaliser partager " +
		"animer suivre anticiper détecter corriger lancer tester valider " +
		"documenter automatiser segmenter cartographier interroger écouter " +
		"répondre traiter résoudre fidéliser convertir activer engager " +
		"renouveler proposer créer concevoir organiser préparer présenter " +
		"transformer garantir optimiser renforcer clarifier harmoniser")
	adjs = strings.Fields("clair simple rapide fluide lisible complet global opérationnel " +
		"stratégique pertinent efficace durable récurrent critique prioritaire " +
		"nouveau actuel existant futur principal commun transverse digital " +
		"humain personnalisé proactif réactif qualitatif quantitatif concret " +
		"mesurable ambitieux réaliste cohérent précis fiable sûr frais léger " +
		"lourd long court fort faible élevé bas premier dernier meilleur")
	advs = strings.Fields("rapidement clairement simplement réellement notamment également " +
		"progressivement régulièrement précisément concrètement directement " +
		"naturellement davantage ensemble désormais aujourd'hui demain")
	nounSuffix = []string{"", "s", "ation", "ations", "ement", "ements", "ité", "ités",
		"age", "ages", "eur", "eurs", "ique", "iques", "isme", "ance",
		"ière", "ières", "ette", "ôme", "ois", "aire", "aires", "ude"}
	verbSuffix = []string{"", "é", "ée", "és", "ées", "e", "es", "ent", "ons", "ez",
		"ait", "aient", "era", "eront", "ant", "ions", "iez", "ât", "ç"}
	adjSuffix   = []string{"s", "e", "es", "ement", "ité", "isation"}
	subjects    = []string{"nous", "les équipes", "le client", "l'entreprise", "chaque conseiller", "la direction", "on", "elles", "ils"}
	determiners = []string{"le", "la", "chaque", "notre", "leur"}
	figures     = []string{"30 %", "12 %", "3 mois", "six semaines", "450 000 clients", "2 jours", "80 %"}
	firstNames  = []string{"Alexandre", "Camille", "Léa", "Hélène", "Benoît", "Chloé", "Jérôme",
		"Éric", "Inès", "Noémie", "François", "Agnès", "Thomas", "Sophie",
		"Zoé", "Raphaël", "Maëlle", "Gaël", "Anaïs", "Loïc"}
	lastNames = []string{"Lemaître", "Durand", "Bérard", "Moreau", "Lefèvre", "Girard", "Rousseau",
		"Chevalier", "Fontaine", "Mercier", "Dupré", "Garçon", "Lacôte", "Hébert"}
	syllables = []string{"qo", "nto", "lu", "ma", "vi", "ra", "zen", "do", "ka", "li", "mo", "ba",
		"tel", "fi", "no", "xa", "ri", "pa", "so", "ly", "ve", "ta", "gu", "ro"}
	roles = []string{"VP Growth", "Head of Customer Success", "Directrice Expérience Client",
		"COO", "Responsable CRM", "Directeur Relation Client", "CEO"}
	questions = []string{"À quel moment et pourquoi avoir fait appel à nous ?",
		"Quelle problématique fallait-il adresser ?",
		"Comment la mission s'est-elle déroulée ?",
		"Quels résultats concrets après six mois ?",
		"Que retenez-vous de cette collaboration ?",
		"Quelles étapes ont été les plus difficiles ?"}
	touchpoints = []string{"Site web", "Conseiller", "Application mobile", "Espace client", "Centre d’appels",
		"Agence", "Chatbot", "Courriel de bienvenue", "Facture", "Contrat", "Formulaire en ligne"}
	channels = []string{"web", "téléphone", "e-mail", "agence", "application", "chat", "courrier", "rendez-vous"}
)

// zipf draws words with probability proportional to 1/rank^s.
type zipf struct {
	words []string
	cum   []float64
}

func newZipf(words []string, s float64) zipf {
	z := zipf{words: words, cum: make([]float64, len(words))}
	acc := 0.0
	for r := range words {
		acc += 1 / math.Pow(float64(r+1), s)
		z.cum[r] = acc
	}
	return z
}

func (z zipf) pick(r *rand.Rand) string {
	i := sort.SearchFloat64s(z.cum, r.Float64()*z.cum[len(z.cum)-1])
	return z.words[min(i, len(z.words)-1)]
}

// words produces French-like prose: a core of real words plus a long tail
// of derived forms, so that the number of distinct words grows with the
// corpus as in real text (Heaps' law).
type words struct {
	r                           *rand.Rand
	content, nouns, verbs, adjs zipf
	// link, when set, is offered to each body sentence: the page writer
	// uses it to leave a placeholder that becomes a cross-link once every
	// page and heading is known.
	link func() string
}

func newWords(r *rand.Rand) *words {
	var tail []string
	for _, stem := range nouns {
		base := strings.TrimRight(stem, "e")
		for _, suf := range nounSuffix {
			tail = append(tail, base+suf)
		}
	}
	for _, v := range verbs {
		base := v[:len(v)-2]
		for _, suf := range verbSuffix {
			tail = append(tail, base+suf)
		}
	}
	for _, a := range adjs {
		for _, suf := range adjSuffix {
			tail = append(tail, a+suf)
		}
	}
	// Two-part compounds give the rare tail (hapaxes) real text has.
	nounsAdjs := append(append([]string{}, nouns...), adjs...)
	for range 6000 {
		a, b := pick(r, nouns), pick(r, nounsAdjs)
		tail = append(tail, cut(a, max(3, utf8.RuneCountInString(a)-2))+lastRunes(b, 5))
	}
	seen := map[string]bool{}
	for _, list := range [][]string{nouns, verbs, adjs} {
		for _, w := range list {
			seen[w] = true
		}
	}
	var uniq []string
	for _, w := range tail {
		if !seen[w] && utf8.RuneCountInString(w) > 2 {
			seen[w] = true
			uniq = append(uniq, w)
		}
	}
	r.Shuffle(len(uniq), func(i, j int) { uniq[i], uniq[j] = uniq[j], uniq[i] })

	core := concat(nouns, adjs, verbs, advs, uniq)
	var verbLike []string
	for _, w := range uniq {
		if len(verbLike) < 400 && (strings.HasSuffix(w, "é") || strings.HasSuffix(w, "ent") || strings.HasSuffix(w, "ons")) {
			verbLike = append(verbLike, w)
		}
	}
	return &words{
		r:       r,
		content: newZipf(core, 1.05),
		nouns:   newZipf(nouns, 0.9),
		verbs:   newZipf(concat(verbs, verbLike), 0.9),
		adjs:    newZipf(adjs, 0.9),
	}
}

// sentence is 10 to 25 words; extra, when not empty, is inserted after the
// first two.
func (w *words) sentence(extra string) string {
	r := w.r
	n := between(r, 8, 22)
	out := make([]string, 0, 2*n+4)
	if r.Float64() < 0.4 {
		out = append(out, pick(r, subjects))
	} else {
		out = append(out, pick(r, determiners)+" "+w.nouns.pick(r))
	}
	out = append(out, w.verbs.pick(r))
	for i := range n {
		word := w.content.pick(r)
		if r.Float64() < 0.012 { // open-ended rare tail: distinct words keep growing with N
			st := pick(r, nouns)
			word = cut(st, between(r, 3, max(3, utf8.RuneCountInString(st)))) + pick(r, syllables) + pick(r, nounSuffix)
		}
		if r.Float64() < 0.45 {
			out = append(out, pick(r, funcWords))
		}
		out = append(out, word)
		if i == n/2 && r.Float64() < 0.3 {
			out[len(out)-1] += pick(r, []string{",", " ;", " :"})
		}
	}
	if extra != "" {
		at := between(r, 2, len(out))
		out = append(out[:at], append([]string{extra}, out[at:]...)...)
	}
	if r.Float64() < 0.2 {
		out = append(out, pick(r, []string{"de", "à", "pour"})+" "+pick(r, figures))
	}
	return capitalize(strings.Join(out, " ")) + pick(r, []string{".", ".", ".", ".", " !", " ?"})
}

// bodySentence is a sentence of a page body, which may carry a link.
func (w *words) bodySentence() string {
	if w.link != nil {
		return w.sentence(w.link())
	}
	return w.sentence("")
}

func (w *words) paragraph(lo, hi int) string {
	s := make([]string, between(w.r, lo, hi))
	for i := range s {
		s[i] = w.sentence("")
	}
	return strings.Join(s, " ")
}

func (w *words) bodyParagraph(lo, hi int) string {
	s := make([]string, between(w.r, lo, hi))
	for i := range s {
		s[i] = w.bodySentence()
	}
	return strings.Join(s, " ")
}

func (w *words) phrase(lo, hi int) string {
	s := make([]string, between(w.r, lo, hi))
	for i := range s {
		s[i] = w.content.pick(w.r)
		if w.r.Float64() >= 0.7 {
			s[i] = pick(w.r, funcWords) + " " + s[i]
		}
	}
	return capitalize(strings.Join(s, " "))
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

// between returns an integer in [lo, hi], both included.
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// sample returns k distinct elements of list, in drawing order.
func sample(r *rand.Rand, list []string, k int) []string {
	out := make([]string, k)
	for i, j := range distinct(r, len(list), k) {
		out[i] = list[j]
	}
	return out
}

// distinct draws k distinct indices below n (k ≤ n); rejection is cheap
// because k is always a handful.
func distinct(r *rand.Rand, n, k int) []int {
	out := make([]int, 0, k)
	for len(out) < k {
		i := r.IntN(n)
		if !slices.Contains(out, i) {
			out = append(out, i)
		}
	}
	return out
}

func concat(lists ...[]string) []string {
	var out []string
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// cut returns the first n runes of s.
func cut(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// lastRunes returns the last n runes of s.
func lastRunes(s string, n int) string {
	c := utf8.RuneCountInString(s)
	if c <= n {
		return s
	}
	return strings.TrimPrefix(s, cut(s, c-n))
}

func capitalize(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:]
}

// countWords counts the space-separated tokens holding a letter, as that
// Python generator did; it runs on every block written, so it does not
// split.
func countWords(s string) int {
	n, letter := 0, false
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			if letter {
				n++
			}
			letter = false
		case unicode.IsLetter(r):
			letter = true
		}
	}
	if letter {
		n++
	}
	return n
}
