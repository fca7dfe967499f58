package markdown

import (
	stdhtml "html"
	"regexp"
	"strings"
	"testing"
)

var foreignCode = regexp.MustCompile(`<code class="foreign-tag">(.*?)</code>`)

// convertConv converts src as a French page of content/p.md whose body
// starts at line 1, and gives its HTML, errors and warnings.
func convertConv(t *testing.T, opts Options, src string) (html string, errs, warns []string) {
	t.Helper()
	res, ds := New(opts).Convert(Page{Path: "content/p.md", Body: []byte(src), BodyLine: 1, Lang: "fr"}, fakeResolver{})
	for _, d := range ds {
		errs = append(errs, d.Error())
	}
	for _, d := range res.Warnings {
		warns = append(warns, d.Error())
	}
	return res.HTML, errs, warns
}

func TestAdmonitions(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string // fragments of the HTML, in order
	}{
		{"GitHub alert", "> [!NOTE]\n> Useful.\n",
			[]string{`<aside class="admonition admonition-note" role="note" aria-label="Note">`, `<p class="admonition-title">Note</p>`, "<p>Useful.</p>", "</aside>"}},
		{"every GitHub kind", "> [!tip]\n> a\n\n> [!important]\n> b\n\n> [!warning]\n> c\n\n> [!caution]\n> d\n",
			[]string{"admonition-tip", "admonition-important", "admonition-warning", "admonition-caution"}},
		{"Obsidian title", "> [!warning] Avant de «&nbsp;commencer&nbsp;»\n> Lisez ceci.\n",
			[]string{`aria-label="Avant de «&amp;nbsp;commencer&amp;nbsp;»"`, "<p>Lisez ceci.</p>"}},
		{"title escaped", "> [!note] <b>x</b> & y\n> z\n", []string{`<p class="admonition-title">&lt;b&gt;x&lt;/b&gt; &amp; y</p>`}},
		{"folded", "> [!faq]- Pourquoi ?\n> Parce que.\n",
			[]string{`admonition-note`, `<details><summary class="admonition-title">Pourquoi ?</summary>`, "<p>Parce que.</p>", "</details>\n</aside>"}},
		{"unfolded", "> [!tip]+\n> Ouvert.\n", []string{`<details open><summary class="admonition-title">Tip</summary>`}},
		{"Obsidian alias", "> [!danger]\n> x\n", []string{"admonition-caution", ">Caution</p>"}},
		{"unknown type", "> [!recipe]\n> x\n", []string{"admonition-note"}},
		{"blocks inside", "> [!note]\n>\n> - un\n> - deux\n>\n> ## Titre\n", []string{"<ul>\n<li>un</li>", `<h2 id="titre">Titre</h2>`, "</aside>"}},
		{"marker later is a quote", "> Texte.\n> [!note]\n", []string{"<blockquote>\n<p>Texte.\n[!note]</p>\n</blockquote>"}},
		{"plain quote", "> Citation.\n", []string{"<blockquote>\n<p>Citation.</p>\n</blockquote>"}},
		{"GitBook hint", "{% hint style=\"success\" %}\nBravo **vous**.\n{% endhint %}\n\nAprès.\n",
			[]string{`<aside class="admonition admonition-tip" role="note" aria-label="Tip">`, "<p>Bravo <strong>vous</strong>.</p>\n</aside>", "<p>Après.</p>"}},
		{"GitBook hint, no style", "{% hint %}\nx\n{% endhint %}\n", []string{"admonition-note"}},
		{"GitBook hint interrupting a paragraph", "Avant.\n{% hint style='danger' %}\nx\n{% endhint %}\n", []string{"<p>Avant.</p>", "admonition-caution"}},
		{"GitBook hint with a list", "{% hint style=\"warning\" %}\n- a\n- b\n{% endhint %}\n", []string{"admonition-warning", "<li>b</li>\n</ul>\n</aside>"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, errs, warns := convertConv(t, Options{}, tt.src)
			if len(errs)+len(warns) > 0 {
				t.Errorf("problems: %q %q", errs, warns)
			}
			rest := html
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("no %q in order in\n%s", w, html)
				}
				rest = rest[i+len(w):]
			}
		})
	}
}

func TestForeignTags(t *testing.T) {
	tests := []struct {
		name, src string
		problems  []string // strict errors, lenient warnings
		shown     string   // how the page shows the tag
	}{
		{"ref in a link", "Voir [ceci]({{< ref \"guides/x.md\" >}}).\n",
			[]string{`content/p.md:1:13: Hugo shortcode {{< ref "guides/x.md" >}} is not converted and is shown as code: write a plain Markdown link, [text](guides/x.md)`},
			`<code class="foreign-tag">{{&lt; ref &#34;guides/x.md&#34; &gt;}}</code>`},
		{"figure", "Un texte.\n\n{{< figure src=\"/img/a.png\" alt=\"Un « chat »\" >}}\n",
			[]string{`content/p.md:3:1: Hugo shortcode {{< figure src="/img/a.png" alt="Un « chat »" >}} is not converted and is shown as code: write an image, ![Un « chat »](/img/a.png)`},
			`{{&lt; figure src=&#34;/img/a.png&#34;`},
		{"figure without alt", "{{< figure \"/img/a.png\" >}}\n",
			[]string{`content/p.md:1:1: Hugo shortcode {{< figure "/img/a.png" >}} is not converted and is shown as code: write an image, ![…](/img/a.png)`}, ""},
		{"percent shortcode with its closing tag", "{{% notice warning %}}\nAttention\n{{% /notice %}}\n",
			[]string{`content/p.md:1:1: Hugo shortcode {{% notice warning %}} is not converted and is shown as code: write a callout, > [!note] on the first line of a blockquote`},
			`<code class="foreign-tag">{{% /notice %}}</code>`},
		{"GitBook embed", "Texte {% embed url=\"https://youtu.be/x\" %} fin.\n",
			[]string{`content/p.md:1:7: GitBook/Liquid tag {% embed url="https://youtu.be/x" %} is not converted and is shown as code: write a link, [title](https://youtu.be/x)`}, ""},
		{"GitBook tabs", "{% tabs %}\n{% tab title=\"Go\" %}\nx\n{% endtab %}\n{% endtabs %}\n",
			[]string{
				`content/p.md:1:1: GitBook/Liquid tag {% tabs %} is not converted and is shown as code: write each part under its own heading`,
				`content/p.md:2:1: GitBook/Liquid tag {% tab title="Go" %} is not converted and is shown as code: write each part under its own heading`,
			}, ""},
		{"Jekyll include, trimmed", "{%- include note.html -%}\n",
			[]string{`content/p.md:1:1: GitBook/Liquid tag {%- include note.html -%} is not converted and is shown as code: copy the included text`}, ""},
		{"unknown shortcode", "Après « ceci » : {{< mystere a=\"b\" >}}\n",
			[]string{`content/p.md:1:18: Hugo shortcode {{< mystere a="b" >}} is not converted and is shown as code: convert it to Markdown or remove it`}, ""},
		{"not a tag", "Un ensemble {a, b} et {{ variable }}.\n", nil, "<p>Un ensemble {a, b} et {{ variable }}.</p>"},
		{"in code", "`{{< ref \"x\" >}}`\n\n```\n{% hint %}\n```\n", nil, "<code>{{&lt; ref"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, lenient := range []bool{false, true} {
				html, errs, warns := convertConv(t, Options{Lenient: lenient}, tt.src)
				got, other := errs, warns
				if lenient {
					got, other = warns, errs
				}
				if len(other) > 0 || len(got) != len(tt.problems) {
					t.Fatalf("lenient %v: errors %q, warnings %q; want %d", lenient, errs, warns, len(tt.problems))
				}
				for i, p := range tt.problems {
					if !strings.HasPrefix(got[i], p) {
						t.Errorf("lenient %v: got %q, want it to start with %q", lenient, got[i], p)
					}
				}
				if !strings.Contains(html, tt.shown) {
					t.Errorf("the page does not show %q:\n%s", tt.shown, html)
				}
				// Neither the typographer nor French spacing touches a tag:
				// it is shown as the source wrote it.
				for _, code := range foreignCode.FindAllStringSubmatch(html, -1) {
					if text := stdhtml.UnescapeString(code[1]); !strings.Contains(tt.src, text) {
						t.Errorf("the tag %q is not shown as written", text)
					}
				}
			}
		})
	}
}

func TestEmbeds(t *testing.T) {
	tests := []struct {
		name, src string
		want      string
		errs      []string
	}{
		{"image", "![[plan.png]]\n", `<img src="plan.png" alt="plan">`, nil},
		{"image with a width", "Voir ![[img/Mon plan.png|300]] ici.\n", `<img src="img/Mon plan.png" alt="Mon plan" width="300">`, nil},
		{"image with a size", "![[a.webp|300x200]]\n", `<img src="a.webp" alt="a" width="300" height="200">`, nil},
		{"image missing", "Un\n\nx ![[absent.png]]\n", `<img src="absent.png" alt="absent">`, []string{"content/p.md:3:3: no such page"}},
		{"page", "Lire ![[Autre note]].\n", `<a href="/Autre note/">Titre de Autre note</a>`,
			[]string{"content/p.md:1:6: ![[Autre note]] embeds a page, which parcours shows as a link: write [[Autre note]], or copy the text in"}},
		{"an image link stays one", "![alt](x.png) ![[ ]]\n", `![[ ]]</p>`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, errs, _ := convertConv(t, Options{}, tt.src)
			if !strings.Contains(html, tt.want) {
				t.Errorf("no %q in\n%s", tt.want, html)
			}
			if strings.Join(errs, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors %q, want %q", errs, tt.errs)
			}
		})
	}
}

func TestRawHTML(t *testing.T) {
	tests := []struct {
		name, src string
		unsafe    bool
		want      string
		errs      []string
		warns     []string
	}{
		{"inline link resolved", "Voir <a href=\"guide.md#a\">le guide</a>.\n", true, `<a href="/resolved/guide.md#a">le guide</a>`, nil, nil},
		{"block image resolved", "<div class=\"x\">\n  <img src=\"absent.png\" alt=\"\">\n  <a href='b.md' title=\"t\">b</a>\n</div>\n", true,
			"<div class=\"x\">\n  <img src=\"absent.png\" alt=\"\">\n  <a href=\"/resolved/b.md\" title=\"t\">b</a>\n</div>", []string{"content/p.md:2:3: no such page"}, nil},
		{"in a list", "- item\n\n  <p><a href=\"absent.md\">x</a></p>\n", true, `<a href="absent.md">x</a>`, []string{"content/p.md:3:6: no such page"}, nil},
		{"external and anchors untouched", "<a href=\"https://x.org\">x</a> <a href=\"#h\">h</a>\n", true, `<a href="https://x.org">x</a> <a href="#h">h</a>`, nil, nil},
		{"other tags untouched", "<details><summary>Plus</summary>\n\nTexte.\n\n</details>\n", true, "<details><summary>Plus</summary>", nil, nil},
		{"shown as text, warned once", "<b>x</b>\n\n<div>\n<a href=\"absent.md\">y</a>\n</div>\n", false,
			"&lt;b&gt;x&lt;/b&gt;", nil, []string{"content/p.md:1:1: raw HTML shown as text; set unsafeHTML = true in parcours.toml"}},
		{"no HTML, no warning", "Un < deux > un.\n", false, "Un &lt; deux &gt; un.", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html, errs, warns := convertConv(t, Options{Unsafe: tt.unsafe}, tt.src)
			if !strings.Contains(html, tt.want) {
				t.Errorf("no %q in\n%s", tt.want, html)
			}
			if strings.Join(errs, "\n") != strings.Join(tt.errs, "\n") {
				t.Errorf("errors %q, want %q", errs, tt.errs)
			}
			if len(warns) != len(tt.warns) {
				t.Fatalf("warnings %q, want %q", warns, tt.warns)
			}
			for i, w := range tt.warns {
				if !strings.HasPrefix(warns[i], w) {
					t.Errorf("warning %q, want it to start with %q", warns[i], w)
				}
			}
		})
	}
}

// TestConventionsSearchText checks what search reads of the blocks of
// other tools: a callout's own title and text, not the tags shown as code.
func TestConventionsSearchText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"> [!tip] Le bon réflexe\n> Relire.\n", "Le bon réflexe Relire."},
		{"> [!tip]\n> Relire.\n", "Relire."},
		{"Avant {{< ref \"x.md\" >}} après.\n", "Avant après."},
		{"Voir ![[plan.png]] ici.\n", "Voir ici."},
	}
	for _, tt := range tests {
		res, _ := New(Options{}).Convert(Page{Path: "content/p.md", Body: []byte(tt.src), BodyLine: 1, Lang: "fr"}, fakeResolver{})
		if len(res.Sections) != 1 || res.Sections[0].Text != tt.want {
			t.Errorf("%q: sections %+v, want the text %q", tt.src, res.Sections, tt.want)
		}
	}
}
