package searchtest

import (
	"testing"

	"github.com/parcours/parcours/internal/search"
	"github.com/parcours/parcours/internal/search/analysis"
	"github.com/parcours/parcours/internal/search/indexfile"
)

// Docs is a small knowledge base in French whose rankings the tests know.
func Docs() []analysis.Document {
	return []analysis.Document{
		{
			URL: "/cases/qonto/", Title: "Qonto améliore l’adoption du module Finance Management", Kind: "case",
			Client: "Qonto", Description: "Le leader européen de la gestion financière des PME.",
			Body:  "La mission a duré cinq semaines auprès des équipes KAM.",
			Tools: []string{"Salesforce", "Tableau"}, Quotes: []string{"Ocobo nous a permis de prendre de la hauteur."},
			Deliverables: []string{"Une cartographie du customer journey actuel."},
			Sections: []analysis.Section{
				{Anchor: "la-mission", Heading: "La mission", Text: "Accompagner Qonto dans une stratégie de Customer Success Management."},
				{Anchor: "resultats-obtenus", Heading: "Résultats obtenus", Text: "Le taux d’activation a progressé de 12 points."},
			},
			Facets: map[string][]string{"scopes": {"Expansion"}, "tools": {"Salesforce", "Tableau"}, "sectors": {"Banque"}},
		},
		{
			URL: "/guides/onboarding/", Title: "Réussir l’onboarding client", Kind: "guide",
			Description: "Les étapes d’un onboarding réussi.",
			Body:        "Un onboarding client se prépare dès la signature.",
			Tools:       []string{"Hubspot"},
			Sections: []analysis.Section{
				{Anchor: "kick-off", Heading: "Le kick-off", Text: "Réunir le sponsor et les utilisateurs clés."},
				{Anchor: "formation", Heading: "Former les utilisateurs", Text: "Des formations courtes, répétées, mesurées par le taux d’adoption."},
			},
			Facets: map[string][]string{"scopes": {"Onboarding"}, "tools": {"Hubspot"}},
		},
		{
			URL: "/journeys/mutuelle/", Title: "Parcours adhérent mutuelle", Kind: "journey",
			Body: "Le parcours d’un adhérent, du devis à la résiliation.",
			Sections: []analysis.Section{
				{Anchor: "parcours-adherent", Heading: "Parcours adhérent › Avant achat › Je demande un devis", Text: "Je compare les offres en ligne. Site web, conseiller. Un devis immédiat et lisible."},
				{Anchor: "parcours-adherent", Heading: "Parcours adhérent › Après achat › Je résilie", Text: "Résiliation compliquée par courrier recommandé."},
			},
			Facets: map[string][]string{"scopes": {"Achat", "Rétention"}, "sectors": {"Assurance"}},
		},
		{
			URL: "/irritants/resiliation-compliquee/", Title: "Résiliation compliquée", Kind: "irritant",
			Description: "Le client doit envoyer un courrier pour résilier.",
			Remedies:    []string{"Proposer la résiliation en ligne en trois clics."},
			Verbatims:   []string{"J’ai dû appeler quatre fois pour résilier mon contrat."},
			Facets:      map[string][]string{"scopes": {"Rétention"}, "sectors": {"Assurance", "Banque"}},
		},
		{URL: "/empty/", Title: "", Kind: "page"},
		{
			URL: "/guides/salesforce-en-detail/", Title: "Salesforce pour le Customer Success", Kind: "guide",
			Body:   "Configurer Salesforce pour suivre la santé des comptes clients, le renouvellement des contrats.",
			Tools:  []string{"Salesforce"},
			Facets: map[string][]string{"tools": {"Salesforce"}, "sectors": {"Logiciel"}},
		},
	}
}

// Files indexes docs with small shards and short lists split, so that
// queries cross shard boundaries, prefixes span several shards and common
// words have a head and a tail.
func Files(t testing.TB, docs []analysis.Document) []indexfile.File {
	t.Helper()
	b := search.NewBuilder("fr")
	b.SetShardBytes(400)
	b.SetSplitPostings(indexfile.HeadPostings)
	b.SetFacetOrder("scopes", []string{"Achat", "Onboarding", "Adoption", "Rétention", "Expansion"})
	for _, d := range docs {
		b.Add(d)
	}
	files, err := b.Files()
	if err != nil {
		t.Fatal(err)
	}
	return files
}
