/*
 * parcours search core: the normaliser, the Snowball stemmers and the
 * ranking over the static index that internal/search writes. No DOM, no
 * dependency: the page loads it before search-ui.js, which finds it as
 * parcoursSearchCore; node loads it with require (the Go tests do).
 *
 * The normaliser must give exactly what analysis.Normalize
 * (internal/search/analysis) gives, and the ranking what searchtest.Search
 * gives on the same index: internal/search/analysis/js_test.go checks the
 * first under node on every word of the example site and of its own
 * testdata, internal/search/searchtest/js_test.go the second.
 */
(function (root) {
  "use strict";

  /* ---------------- normaliser (internal/search/analysis/normalize.go) ---------------- */

  var MAX_TOKEN_RUNES = 48;
  var LIGATURES = {
    "œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ø": "o", "Ø": "o",
    "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i", "þ": "th", "ð": "d",
    "’": "'", "ʼ": "'", "‘": "'"
  };
  var NONSPACING = /\p{Mn}/u;
  var WORD = /[\p{L}\p{M}\p{Nd}]+/gu;
  var PLAIN = /^[\x00-\x40\x5b-\x7f]*$/;
  var APOSTROPHES = "'’‘ʼ";

  function set(words) {
    var s = Object.create(null);
    words.split(" ").forEach(function (w) { s[w] = true; });
    return s;
  }

  var ELISIONS = set("l d qu j n s c m t jusqu lorsqu puisqu");
  var STOP = {
    fr: set("les ils elles leurs cet cette dont au aux avec ce ces dans de des du elle en et eux il je la le leur lui ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes toi ton tu un une vos votre vous c d j l a m n s t y ete etee etees etes etant etante etants etantes suis es est sommes serai seras sera serons serez seront serais serait serions seriez seraient etais etait etions etiez etaient fus fut fumes futes furent sois soit soyons soyez soient fusse fusses fussions fussiez fussent ayant ayante ayantes ayants eu eue eues eus ai as avons avez ont aurai auras aura aurons aurez auront aurais aurait aurions auriez auraient avais avait avions aviez avaient eut eumes eutes eurent aie aies ait ayons ayez aient eusse eusses eussions eussiez eussent"),
    en: set("a about above after again against all am an and any are as at be because been before being below between both but by can did do does doing don down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own s same she should so some such t than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with you your yours yourself yourselves")
  };

  // fold mirrors slug.Fold: decompose, drop nonspacing marks, lower-case
  // rune by rune (String.toLowerCase of a whole string would apply
  // context rules Go does not), compose again.
  function fold(s) {
    if (PLAIN.test(s)) return s;
    var out = "";
    for (var ch of s.normalize("NFD")) {
      if (NONSPACING.test(ch)) continue;
      var lig = LIGATURES[ch];
      out += lig !== undefined ? lig : ch.toLowerCase();
    }
    return out.normalize("NFC");
  }

  function runeCount(s) {
    var n = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c < 0xd800 || c > 0xdbff) n++;
    }
    return n;
  }

  function utf8Length(s) {
    var n = 0;
    for (var ch of s) {
      var c = ch.codePointAt(0);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return n;
  }

  // analyze returns the words of text: {folded, term, atEnd}; term is ""
  // for a dropped word.
  function analyze(lang, text) {
    var stop = STOP[lang], toks = [], m, re = new RegExp(WORD.source, "gu");
    while ((m = re.exec(text)) !== null) {
      var f = fold(m[0]), end = m.index + m[0].length, term = "";
      if (f === "") continue; // only marks, which folding removes
      if (runeCount(f) <= MAX_TOKEN_RUNES && !(stop && stop[f])) term = stem(lang, f);
      if (end < text.length && APOSTROPHES.indexOf(text.charAt(end)) >= 0 && ELISIONS[f]) term = "";
      toks.push({ folded: f, term: term, atEnd: end === text.length });
    }
    return toks;
  }

  function normalize(lang, text) {
    return analyze(lang, text).filter(function (t) { return t.term !== ""; })
      .map(function (t) { return t.term; });
  }

  function stem(lang, w) {
    if (utf8Length(w) <= 2) return w;
    if (lang === "fr") return stemFrench(w);
    if (lang === "en") return stemEnglish(w);
    return w;
  }

  /* ------- Snowball stemmers, ported from github.com/kljensen/snowball ------- */

  // Word mirrors snowballword.SnowballWord: code points and region starts.
  function Word(s) {
    this.rs = Array.from(s, function (c) { return c.codePointAt(0); });
    this.r1 = this.r2 = this.rv = this.rs.length;
  }
  Word.prototype.clamp = function () {
    var n = this.rs.length;
    if (this.r1 > n) this.r1 = n;
    if (this.r2 > n) this.r2 = n;
    if (this.rv > n) this.rv = n;
  };
  Word.prototype.removeLast = function (n) {
    this.rs.length -= n;
    this.clamp();
  };
  Word.prototype.replace = function (n, repl) {
    this.rs.length -= n;
    for (var i = 0; i < repl.length; i++) this.rs.push(repl.charCodeAt(i));
    this.clamp();
  };
  Word.prototype.endsIn = function (start, end, suf) {
    if (suf.length > end - start) return false;
    for (var i = 0; i < suf.length; i++) {
      if (this.rs[end - i - 1] !== suf.charCodeAt(suf.length - i - 1)) return false;
    }
    return true;
  };
  // firstSuffixIfIn: the first of list the word ends with, if it starts at
  // or after start; "" otherwise (the search stops at the first suffix).
  Word.prototype.firstSuffixIfIn = function (start, list) {
    var n = this.rs.length;
    for (var i = 0; i < list.length; i++) {
      if (this.endsIn(0, n, list[i])) return n - list[i].length >= start ? list[i] : "";
    }
    return "";
  };
  Word.prototype.firstSuffix = function (list) { return this.firstSuffixIfIn(0, list); };
  // firstSuffixIn: the first of list that fits entirely after start.
  Word.prototype.firstSuffixIn = function (start, list) {
    for (var i = 0; i < list.length; i++) {
      if (this.endsIn(start, this.rs.length, list[i])) return list[i];
    }
    return "";
  };
  Word.prototype.removeFirstSuffixIfIn = function (start, list) {
    var s = this.firstSuffixIfIn(start, list);
    if (s) this.removeLast(s.length);
    return s;
  };
  Word.prototype.fits = function (start, x) { return start <= this.rs.length - x; };
  Word.prototype.toString = function () { return String.fromCodePoint.apply(null, this.rs); };

  function vnv(w, isVowel, start) {
    for (var i = 1; i < w.rs.length - start; i++) {
      var j = start + i;
      if (isVowel(w.rs[j - 1]) && !isVowel(w.rs[j])) return j + 1;
    }
    return w.rs.length;
  }

  function startsWith(w, p) {
    if (p.length > w.rs.length) return false;
    for (var i = 0; i < p.length; i++) if (w.rs[i] !== p.charCodeAt(i)) return false;
    return true;
  }

  function oneOf(list) {
    var s = Object.create(null);
    list.split(" ").forEach(function (x) { s[x] = true; });
    return function (x) { return s[x] === true; };
  }

  /* French */

  var FR_VOWELS = set("97 101 105 111 117 121 226 224 235 233 234 232 239 238 244 251 249");
  function frV(r) { return FR_VOWELS[r] === true; }

  var FR_STEP1 = ["issements", "issement", "atrices", "utions", "usions", "logies",
    "emment", "ements", "atrice", "ations", "ateurs", "amment", "ution",
    "usion", "ments", "logie", "istes", "ismes", "iqUes", "euses",
    "ences", "ement", "ation", "ateur", "ances", "ables", "ment",
    "ités", "iste", "isme", "iqUe", "euse", "ence", "eaux", "ance",
    "able", "ives", "ité", "eux", "aux", "ive", "ifs", "if"];
  var FR_R2_DELETE = oneOf("ance iqUe isme able iste eux ances iqUes ismes ables istes");
  var FR_STEP2A = ["issantes", "issaIent", "issions", "issants", "issante",
    "iraIent", "issons", "issiez", "issent", "issant", "issait",
    "issais", "irions", "issez", "isses", "iront", "irons", "iriez",
    "irent", "irait", "irais", "îtes", "îmes", "isse", "irez",
    "iras", "irai", "ira", "ies", "ît", "it", "is", "ir", "ie", "i"];
  var FR_STEP2B = ["eraIent", "assions", "erions", "assiez", "assent",
    "èrent", "eront", "erons", "eriez", "erait", "erais",
    "asses", "antes", "aIent", "âtes", "âmes", "ions",
    "erez", "eras", "erai", "asse", "ants", "ante", "ées",
    "iez", "era", "ant", "ait", "ais", "és", "ée", "ât",
    "ez", "er", "as", "ai", "é", "a"];
  var FR_2B_DELETE = oneOf("é ée ées és èrent er era erai eraIent erais erait eras erez eriez erions erons eront ez iez");
  var FR_2B_DELETE_E = oneOf("âmes ât âtes a ai aIent ais ait ant ante antes ants as asse assent asses assiez assions");

  function stemFrench(s) {
    var w = new Word(s), rs = w.rs, i;
    // Mark y, u, i that act as consonants.
    var prev = false;
    for (i = 0; i < rs.length; i++) {
      if (!frV(rs[i])) { prev = false; continue; }
      var here = true, next = i + 1 < rs.length && frV(rs[i + 1]);
      if (rs[i] === 121 && (prev || next)) {
        rs[i] = 89; here = false;
      } else if (rs[i] === 117 && ((prev && next) || (i >= 1 && rs[i - 1] === 113))) {
        rs[i] = 85; here = false;
      } else if (rs[i] === 105 && prev && next) {
        rs[i] = 73; here = false;
      }
      prev = here;
    }
    w.r1 = vnv(w, frV, 0);
    w.r2 = vnv(w, frV, w.r1);
    w.rv = rs.length;
    if (startsWith(w, "par") || startsWith(w, "col") || startsWith(w, "tap")) {
      w.rv = 3;
    } else if (rs.length >= 3 && frV(rs[0]) && frV(rs[1])) {
      w.rv = 3;
    } else {
      for (i = 1; i < rs.length; i++) {
        if (frV(rs[i])) { w.rv = i + 1; break; }
      }
    }

    var changed = frStep1(w);
    if (!changed) changed = frStep2a(w);
    if (!changed) changed = frStep2b(w);
    if (changed) {
      var last = w.rs.length - 1;
      if (last >= 0 && w.rs[last] === 89) w.rs[last] = 105;
      else if (last >= 0 && w.rs[last] === 231) w.rs[last] = 99;
    } else {
      frStep4(w);
    }
    if (w.firstSuffix(["enn", "onn", "ett", "ell", "eill"])) w.removeLast(1);
    frStep6(w);
    for (i = 0; i < w.rs.length; i++) {
      if (w.rs[i] === 73) w.rs[i] = 105;
      else if (w.rs[i] === 85) w.rs[i] = 117;
      else if (w.rs[i] === 89) w.rs[i] = 121;
    }
    return w.toString();
  }

  function frIcToIqU(w) {
    if (w.firstSuffix(["ic"])) {
      if (w.fits(w.r2, 2)) w.removeLast(2);
      else w.replace(2, "iqU");
    }
  }

  function frStep1(w) {
    var suf = w.firstSuffix(FR_STEP1);
    if (!suf) return false;
    var n = suf.length, len = w.rs.length;
    var inR1 = w.r1 <= len - n, inR2 = w.r2 <= len - n, inRV = w.rv <= len - n, idx;
    if (inR2) {
      var repl = "";
      if (suf === "logie" || suf === "logies") repl = "log";
      else if (suf === "usion" || suf === "ution" || suf === "usions" || suf === "utions") repl = "u";
      else if (suf === "ence" || suf === "ences") repl = "ent";
      if (repl) { w.replace(n, repl); return true; }
      if (FR_R2_DELETE(suf)) { w.removeLast(n); return true; }
    }
    if (inRV) {
      if (suf === "amment") { w.replace(n, "ant"); return false; }
      if (suf === "emment") { w.replace(n, "ent"); return false; }
      if (suf === "ment" || suf === "ments") {
        idx = len - n - 1;
        if (idx >= w.rv && frV(w.rs[idx])) w.removeLast(n);
        return false;
      }
    }
    switch (suf) {
      case "eaux":
        w.replace(n, "eau");
        return true;
      case "aux":
        if (inR1) { w.replace(n, "al"); return true; }
        break;
      case "euse": case "euses":
        if (inR2) { w.removeLast(n); return true; }
        if (inR1) { w.replace(n, "eux"); return true; }
        break;
      case "issement": case "issements":
        if (inR1) {
          idx = len - n - 1;
          if (idx >= 0 && !frV(w.rs[idx])) { w.removeLast(n); return true; }
        }
        return false;
      case "atrice": case "ateur": case "ation": case "atrices": case "ateurs": case "ations":
        if (inR2) {
          w.removeLast(n);
          frIcToIqU(w);
          return true;
        }
        break;
      case "ement": case "ements":
        if (inRV) {
          w.removeLast(n);
          if (w.removeFirstSuffixIfIn(w.r2, ["iv"])) {
            w.removeFirstSuffixIfIn(w.r2, ["at"]);
            return true;
          }
          if (w.firstSuffix(["eus"])) {
            if (w.fits(w.r2, 3)) w.removeLast(3);
            else if (w.fits(w.r1, 3)) w.replace(3, "eux");
            return true;
          }
          if (w.firstSuffix(["abl", "iqU"])) {
            if (w.fits(w.r2, 3)) w.removeLast(3);
            return true;
          }
          if (w.firstSuffix(["ièr", "Ièr"])) {
            if (w.fits(w.rv, 3)) w.replace(3, "i");
            return true;
          }
          return true;
        }
        break;
      case "ité": case "ités":
        if (inR2) {
          w.removeLast(n);
          if (w.firstSuffix(["abil"])) {
            if (w.fits(w.r2, 4)) w.removeLast(4);
            else w.replace(4, "abl");
            return true;
          }
          if (w.firstSuffix(["ic"])) {
            frIcToIqU(w);
            return true;
          }
          w.removeFirstSuffixIfIn(w.r2, ["iv"]);
          return true;
        }
        break;
      case "if": case "ive": case "ifs": case "ives":
        if (inR2) {
          w.removeLast(n);
          if (w.removeFirstSuffixIfIn(w.r2, ["at"])) frIcToIqU(w);
          return true;
        }
        break;
    }
    return false;
  }

  function frStep2a(w) {
    var suf = w.firstSuffixIn(w.rv, FR_STEP2A);
    if (suf) {
      var idx = w.rs.length - suf.length - 1;
      if (idx >= 0 && w.fits(w.rv, suf.length + 1) && !frV(w.rs[idx])) {
        w.removeLast(suf.length);
        return true;
      }
    }
    return false;
  }

  function frStep2b(w) {
    var suf = w.firstSuffixIn(w.rv, FR_STEP2B);
    if (suf === "ions") {
      if (w.fits(w.r2, 4)) { w.removeLast(4); return true; }
      return false;
    }
    if (FR_2B_DELETE(suf)) {
      w.removeLast(suf.length);
      return true;
    }
    if (FR_2B_DELETE_E(suf)) {
      w.removeLast(suf.length);
      var idx = w.rs.length - 1;
      if (idx >= 0 && w.rs[idx] === 101 && w.fits(w.rv, 1)) w.removeLast(1);
      return true;
    }
    return false;
  }

  function frStep4(w) {
    var rs = w.rs, idx = rs.length - 1;
    if (idx >= 1 && rs[idx] === 115) {
      var p = rs[idx - 1];
      if (p === 97 || p === 105 || p === 111 || p === 117 || p === 232 || p === 115) return;
      w.removeLast(1);
    }
    var suf = w.firstSuffixIn(w.rv, ["Ière", "ière", "Ier", "ier", "ion", "e", "ë"]);
    idx = w.rs.length - 1;
    if (suf === "ion") {
      idx = w.rs.length - 4;
      if (w.fits(w.r2, 3) && idx >= 0 && w.fits(w.rv, 4) && (w.rs[idx] === 115 || w.rs[idx] === 116)) {
        w.removeLast(3);
      }
    } else if (suf === "ier" || suf === "ière" || suf === "Ier" || suf === "Ière") {
      w.replace(suf.length, "i");
    } else if (suf === "e") {
      w.removeLast(1);
    } else if (suf === "ë") {
      if (idx >= 2 && w.rs[idx - 2] === 103 && w.rs[idx - 1] === 117) w.removeLast(1);
    }
  }

  function frStep6(w) {
    var consonants = 0;
    for (var i = w.rs.length - 1; i >= 0; i--) {
      var r = w.rs[i];
      if (!frV(r)) {
        consonants++;
      } else {
        if ((r === 233 || r === 232) && consonants > 0) w.rs[i] = 101;
        return;
      }
    }
  }

  /* English */

  function enV(r) { return r === 97 || r === 101 || r === 105 || r === 111 || r === 117 || r === 121; }

  var EN_SPECIAL = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
    gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos",
    bias: "bias", andes: "andes", inning: "inning", innings: "inning", outing: "outing",
    outings: "outing", canning: "canning", cannings: "canning", herring: "herring",
    herrings: "herring", earring: "earring", earrings: "earring", proceed: "proceed",
    proceeds: "proceed", proceeded: "proceed", proceeding: "proceed", exceed: "exceed",
    exceeds: "exceed", exceeded: "exceed", exceeding: "exceed", succeed: "succeed",
    succeeds: "succeed", succeeded: "succeed", succeeding: "succeed"
  };
  var EN_STEP2 = ["ational", "fulness", "iveness", "ization", "ousness",
    "biliti", "lessli", "tional", "alism", "aliti", "ation",
    "entli", "fulli", "iviti", "ousli", "anci", "abli",
    "alli", "ator", "enci", "izer", "bli", "ogi", "li"];
  var EN_STEP2_REPL = {
    tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
    ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al",
    alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive",
    biliti: "ble", bli: "ble", fulli: "ful", lessli: "less"
  };
  var EN_STEP3 = ["ational", "tional", "alize", "icate", "ative", "iciti", "ical", "ful", "ness"];
  var EN_STEP3_REPL = { ational: "ate", tional: "tion", alize: "al", icate: "ic", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var EN_STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ent", "ant", "ism",
    "ate", "iti", "ous", "ive", "ize", "ion", "al", "er", "ic"];
  var EN_LI_ENDING = set("99 100 101 103 104 107 109 110 114 116");

  function enShortSyllable(w, i) {
    var rs = w.rs;
    if (i === 2) return enV(rs[0]) && !enV(rs[1]);
    if (i >= 3) {
      var s1 = rs[i - 1], s2 = rs[i - 2], s3 = rs[i - 3];
      return !enV(s1) && s1 !== 119 && s1 !== 120 && s1 !== 89 && enV(s2) && !enV(s3);
    }
    return false;
  }

  // Tokens never hold apostrophes, so Snowball's apostrophe handling (step
  // 0 and the preprocessing that normalises and trims them) never applies.
  function stemEnglish(s) {
    if (Object.prototype.hasOwnProperty.call(EN_SPECIAL, s)) return EN_SPECIAL[s];
    var w = new Word(s), rs = w.rs, i, suf, n;
    for (i = 0; i < rs.length; i++) {
      if (rs[i] === 121 && (i === 0 || enV(rs[i - 1]))) rs[i] = 89;
    }
    if (startsWith(w, "gener")) w.r1 = 5;
    else if (startsWith(w, "commun")) w.r1 = 6;
    else if (startsWith(w, "arsen")) w.r1 = 5;
    else w.r1 = vnv(w, enV, 0);
    w.r2 = vnv(w, enV, w.r1);

    // Step 1a
    suf = w.firstSuffix(["sses", "ied", "ies", "us", "ss", "s"]);
    if (suf === "sses") {
      w.replace(4, "ss");
    } else if (suf === "ies" || suf === "ied") {
      w.replace(3, w.rs.length > 4 ? "i" : "ie");
    } else if (suf === "s") {
      for (i = 0; i < w.rs.length - 2; i++) {
        if (enV(w.rs[i])) { w.removeLast(1); break; }
      }
    }

    // Step 1b
    suf = w.firstSuffix(["eedly", "ingly", "edly", "ing", "eed", "ed"]);
    n = suf.length;
    if (suf === "eed" || suf === "eedly") {
      if (n <= w.rs.length - w.r1) w.replace(n, "ee");
    } else if (suf) {
      var vowel = false;
      for (i = 0; i < w.rs.length - n; i++) {
        if (enV(w.rs[i])) { vowel = true; break; }
      }
      if (vowel) {
        var r1 = w.r1, r2 = w.r2, short = false;
        w.removeLast(n);
        var ns = w.firstSuffix(["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
        if (ns === "") {
          if (w.r1 >= w.rs.length && enShortSyllable(w, w.rs.length)) {
            w.rs.push(101);
            w.r1 = w.r2 = w.rs.length;
            short = true;
          }
        } else if (ns === "at" || ns === "bl" || ns === "iz") {
          w.replace(2, ns + "e");
        } else {
          w.removeLast(1);
        }
        if (!short) {
          w.r1 = Math.min(r1, w.rs.length);
          w.r2 = Math.min(r2, w.rs.length);
        }
      }
    }

    // Step 1c
    var len = w.rs.length;
    if (len > 2 && (w.rs[len - 1] === 121 || w.rs[len - 1] === 89) && !enV(w.rs[len - 2])) {
      w.rs[len - 1] = 105;
    }

    // Step 2
    suf = w.firstSuffix(EN_STEP2);
    if (suf && suf.length <= w.rs.length - w.r1) {
      len = w.rs.length;
      if (suf === "li") {
        if (len >= 3 && EN_LI_ENDING[w.rs[len - 3]]) w.removeLast(2);
      } else if (suf === "ogi") {
        if (len >= 4 && w.rs[len - 4] === 108) w.replace(3, "og");
      } else {
        w.replace(suf.length, EN_STEP2_REPL[suf]);
      }
    }

    // Step 3
    suf = w.firstSuffix(EN_STEP3);
    if (suf && suf.length <= w.rs.length - w.r1) {
      if (suf === "ative") {
        if (w.rs.length - w.r2 >= 5) w.removeLast(5);
      } else {
        w.replace(suf.length, EN_STEP3_REPL[suf]);
      }
    }

    // Step 4
    suf = w.firstSuffix(EN_STEP4);
    if (suf && suf.length <= w.rs.length - w.r2) {
      len = w.rs.length;
      if (suf !== "ion") w.removeLast(suf.length);
      else if (len >= 4 && (w.rs[len - 4] === 115 || w.rs[len - 4] === 116)) w.removeLast(3);
    }

    // Step 5
    var lri = w.rs.length - 1;
    if (w.r1 <= lri) {
      if (w.rs[lri] === 101) {
        if (w.r2 <= lri || !enShortSyllable(w, lri)) w.removeLast(1);
      } else if (w.r2 <= lri && w.rs[lri] === 108 && lri - 1 >= 0 && w.rs[lri - 1] === 108) {
        w.removeLast(1);
      }
    }

    for (i = 0; i < w.rs.length; i++) if (w.rs[i] === 89) w.rs[i] = 121;
    return w.toString();
  }

  /* ---------------- index access and ranking (internal/search/searchtest/search.go) ---------------- */

  var MAX_QUERY_WORDS = 8, MAX_PREFIX_SHARDS = 4, MAX_PREFIX_TAILS = 4, MIN_FALLBACK_RUNES = 3;

  // cmp orders strings by code point, as Go compares them (JavaScript's <
  // compares UTF-16 units, which differs above U+FFFF).
  function cmp(a, b) {
    var i = 0, j = 0;
    while (i < a.length && j < b.length) {
      var x = a.codePointAt(i), y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    if (i < a.length) return 1;
    return j < b.length ? -1 : 0;
  }

  function readNums(s) {
    var out = [], v = 0;
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i), d;
      if (c >= 65 && c <= 90) d = c - 65;
      else if (c >= 97 && c <= 102) d = c - 97 + 26;
      else if (c >= 103 && c <= 122) d = c - 103 + 32;
      else if (c >= 48 && c <= 57) d = c - 48 + 52;
      else d = c === 45 ? 62 : 63;
      v = v * 32 + (d & 31);
      if (d < 32) { out.push(v); v = 0; }
    }
    return out;
  }

  function queryWords(lang, query) {
    var toks = analyze(lang, query), words = [], seen = Object.create(null);
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (t.term === "" || seen[t.term]) continue;
      if (words.length === MAX_QUERY_WORDS) break;
      seen[t.term] = true;
      words.push({ term: t.term, folded: t.folded, prefix: false });
    }
    if (toks.length > 0 && words.length > 0) {
      var last = toks[toks.length - 1], w = words[words.length - 1];
      if (last.atEnd && last.term === w.term) w.prefix = true;
    }
    return words;
  }

  function fallbackPrefixes(folded) {
    var cps = Array.from(folded), ps = [];
    for (var r = cps.length; r >= MIN_FALLBACK_RUNES; r--) ps.push(cps.slice(0, r).join(""));
    return ps;
  }

  function idf(n, df) {
    return Math.round(1000 * Math.log(1 + (n - df + 0.5) / (df + 0.5)));
  }

  // Index loads the files of one index through load(url), which must run
  // the file with parcoursSearch bound to index.sink and resolve after it.
  function Index(base, load) {
    var self = this;
    this.base = base;
    this.load = load;
    this.data = Object.create(null);
    this.loading = Object.create(null);
    this.sink = {
      entry: function (d) { self.data.entry = d; },
      shard: function (i, d) { self.data["t/" + i] = d; },
      tail: function (i, d) { self.data["p/" + i] = d; },
      docs: function (i, d) { self.data["d/" + i] = d; },
      facet: function (i, d) { self.data["f/" + i] = d; }
    };
  }

  Index.prototype.get = function (key) {
    var self = this;
    if (key in this.data) return Promise.resolve(this.data[key]);
    if (!this.loading[key]) {
      // Every file but entry.js is loaded under the index's version, so
      // that a host and the browser may cache it for ever.
      var url = this.base + key + ".js" + (this.data.entry ? "?v=" + this.data.entry.v : "");
      this.loading[key] = this.load(url).then(function () {
        if (!(key in self.data)) throw new Error("search index file " + url + " did not load");
        return self.data[key];
      }, function (err) {
        delete self.loading[key];
        throw err;
      });
    }
    return this.loading[key];
  };

  Index.prototype.entry = function () { return this.get("entry"); };

  Index.prototype.shardFor = function (t) {
    var keys = this.data.entry.keys, lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (cmp(keys[mid], t) <= 0) lo = mid + 1; else hi = mid;
    }
    return lo;
  };

  Index.prototype.prefixShards = function (p) {
    var keys = this.data.entry.keys, first = this.shardFor(p), s = [first];
    for (var i = first; i < keys.length && keys[i].lastIndexOf(p, 0) === 0; i++) s.push(i + 1);
    return s;
  };

  Index.prototype.shards = function (ids) {
    var self = this;
    return Promise.all(ids.map(function (i) { return self.get("t/" + i); }));
  };

  Index.prototype.postings = function (t) {
    var shard = this.data["t/" + this.shardFor(t)];
    return shard && Object.prototype.hasOwnProperty.call(shard, t) ? shard[t] : null;
  };

  // undoGaps decodes a whole list into pairs whose documents are
  // numbers, not gaps.
  function undoGaps(enc) {
    var nums = readNums(enc);
    for (var i = 2; i + 1 < nums.length; i += 2) nums[i] += nums[i - 2] + 1;
    return nums;
  }

  // list is what the index holds of a loaded term: {df, tail, pairs,
  // head}, pairs (document, loc*32+q) being a split list's head when head
  // is true (the tail file then holds the whole list).
  Index.prototype.list = function (t) {
    var v = this.postings(t), dot = v.indexOf(".");
    if (dot < 0) {
      var pairs = undoGaps(v);
      return { df: pairs.length / 2, tail: -1, pairs: pairs, head: false };
    }
    var meta = readNums(v.slice(0, dot));
    return { df: meta[0], tail: meta[1], pairs: readNums(v.slice(dot + 1)), head: true };
  };

  // prefixMatches lists the terms that start with p, p itself (a whole
  // word) first, loading their shards; none when p spans too many shards.
  Index.prototype.prefixMatches = function (p) {
    var self = this, shards = this.prefixShards(p);
    if (shards.length > MAX_PREFIX_SHARDS) return Promise.resolve([]);
    return this.shards(shards).then(function () {
      var m = [], more = self.prefixTerms(p, shards);
      if (more === null) return [];
      if (self.postings(p) !== null) m.push({ term: p, full: true });
      more.forEach(function (t) { m.push({ term: t, full: false }); });
      return m;
    });
  };

  // prefixTerms lists, in order, the terms of the loaded shards that start
  // with p, p aside; null when their split lists lie in too many tail
  // files, whose loading a half-typed word is not worth.
  Index.prototype.prefixTerms = function (p, shards) {
    var self = this, more = [], tails = new Set();
    shards.forEach(function (i) {
      Object.keys(self.data["t/" + i]).forEach(function (t) {
        if (t === p || t.lastIndexOf(p, 0) !== 0) return;
        more.push(t);
        var v = self.data["t/" + i][t], dot = v.indexOf(".");
        if (dot >= 0) tails.add(readNums(v.slice(0, dot))[1]);
      });
    });
    return tails.size > MAX_PREFIX_TAILS ? null : more.sort(cmp);
  };

  // matches lists the terms a word matches, best first, loading the shards
  // it needs. A half-typed word whose stem is shorter than what was typed
  // ("rési" stems to "res") is matched by the letters typed, so that
  // "rési" finds résiliation and not réserves.
  Index.prototype.matches = function (w) {
    var self = this;
    if (w.prefix && w.folded.length > w.term.length && w.folded.lastIndexOf(w.term, 0) === 0) {
      return this.prefixMatches(w.folded).then(function (m) {
        return m.length > 0 ? m : self.stemMatches(w);
      });
    }
    return this.stemMatches(w);
  };

  Index.prototype.stemMatches = function (w) {
    var self = this;
    var prefix = w.prefix ? this.prefixShards(w.term) : [];
    var wide = prefix.length > MAX_PREFIX_SHARDS;
    var need = [this.shardFor(w.term)].concat(wide ? [] : prefix);
    return this.shards(need).then(function () {
      var m = [];
      if (self.postings(w.term) !== null) m.push({ term: w.term, full: true });
      if (!w.prefix) return m;
      if (!wide) {
        (self.prefixTerms(w.term, prefix) || []).forEach(function (t) { m.push({ term: t, full: false }); });
      }
      if (m.length > 0) return m;
      var ps = fallbackPrefixes(w.folded);
      return self.shards(ps.map(function (p) { return self.shardFor(p); })).then(function () {
        for (var i = 0; i < ps.length; i++) {
          if (self.postings(ps[i]) !== null) return [{ term: ps[i], full: false }];
        }
        return [];
      });
    });
  };

  // search ranks the documents that match every word of query:
  // {words, terms, hits: [{doc, score, loc}], total}, best first. With
  // top, as in the header box, a word matching one split list ranks its
  // head alone, without loading its tail: hits are then only the first
  // ones (at least top), total the number of all.
  Index.prototype.search = function (query, top) {
    var self = this;
    return this.entry().then(function (e) {
      var words = queryWords(e.lang, query);
      return Promise.all(words.map(function (w) { return self.matches(w); })).then(function (all) {
        var headOnly = top > 0 && top <= e.head && words.length === 1 && all[0].length === 1;
        var tails = [];
        all.forEach(function (ms) {
          ms.forEach(function (m) {
            var l = m.list = self.list(m.term);
            l.weight = idf(e.n, l.df) * (m.full ? 2 : 1);
            l.whole = !l.head || !(headOnly && l.weight > 0);
            if (l.head && l.whole) tails.push(l.tail);
          });
        });
        return Promise.all(tails.map(function (i) { return self.get("p/" + i); })).then(function () {
          return rank(self, words, all);
        });
      });
    });
  };

  // rank scores the lists of the terms each word matched (m.list).
  function rank(self, words, all) {
    var total = null, terms = [], count = 0;
    all.forEach(function (ms) {
      var word = new Map();
      ms.forEach(function (m) {
        terms.push(m.term);
        var l = m.list, pairs = l.pairs;
        if (l.head && l.whole) pairs = undoGaps(self.data["p/" + l.tail][m.term]);
        else if (l.head) count = l.df;
        for (var i = 0; i + 1 < pairs.length; i += 2) {
          var doc = pairs[i], s = l.weight * (pairs[i + 1] & 31), old = word.get(doc);
          if (!old || s > old.score) word.set(doc, { score: s, loc: pairs[i + 1] >> 5, top: s });
        }
      });
      if (total === null) { total = word; return; }
      total.forEach(function (t, d) {
        var s = word.get(d);
        if (!s) { total.delete(d); return; }
        if (s.top > t.top) { t.loc = s.loc; t.top = s.top; }
        t.score += s.score;
      });
    });
    var hits = [];
    if (total) total.forEach(function (t, d) { hits.push({ doc: d, score: t.score, loc: t.loc }); });
    hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return { words: words, terms: terms, hits: hits, total: count || hits.length };
  }

  // doc returns a document's fragment: {url, title, kind, excerpt, anchor,
  // heading} for the place loc points at.
  Index.prototype.doc = function (d, loc) {
    var self = this;
    return this.entry().then(function (e) {
      return self.get("d/" + Math.floor(d / e.chunk));
    }).then(function (chunk) {
      var f = chunk[d % self.data.entry.chunk];
      var r = { url: f[0], title: f[1], kind: f[2], excerpt: f[3], anchor: "", heading: "" };
      if (loc > 0 && f.length > 3 + 3 * loc) {
        r.anchor = f[1 + 3 * loc];
        r.heading = f[2 + 3 * loc];
        r.excerpt = f[3 + 3 * loc] || r.excerpt;
      }
      return r;
    });
  };

  // facets returns [{name, values: [{value, docs: Set}]}].
  Index.prototype.facets = function () {
    var self = this;
    return this.entry().then(function (e) {
      return Promise.all(e.facets.map(function (name, i) {
        return self.get("f/" + i).then(function (vals) {
          return {
            name: name,
            values: vals.map(function (v) {
              var nums = readNums(v[1]), docs = new Set(), d = -1;
              nums.forEach(function (g) { d = d < 0 ? g : d + g + 1; docs.add(d); });
              return { value: v[0], docs: docs };
            })
          };
        });
      }));
    });
  };

  // refine keeps the hits that have every value of filter ({facet: [values]})
  // and counts facet values over them, leaving out zero counts:
  // {hits, counts: {facet: [{value, count}]}}.
  function refine(hits, facets, filter) {
    var kept = hits.filter(function (h) {
      return facets.every(function (f) {
        return (filter[f.name] || []).every(function (want) {
          return f.values.some(function (v) { return v.value === want && v.docs.has(h.doc); });
        });
      });
    });
    var counts = {};
    facets.forEach(function (f) {
      f.values.forEach(function (v) {
        var n = 0;
        kept.forEach(function (h) { if (v.docs.has(h.doc)) n++; });
        if (n > 0) (counts[f.name] = counts[f.name] || []).push({ value: v.value, count: n });
      });
    });
    return { hits: kept, counts: counts };
  }

  var api = { WORD: WORD, normalize: normalize, stem: stem, Index: Index, refine: refine };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.parcoursSearchCore = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
