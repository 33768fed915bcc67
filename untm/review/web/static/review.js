// untm review editor: keyboard-first correction of an alignment, served by `untm review`.
// Plain JS, no build step, nothing fetched from the network. The server sends every link once
// (/api/state) and, after each change, a patch of the links that changed; the page updates those
// rows in place. Keys are handled one at a time, in order: a key typed while a change is on its
// way waits for it, so fast typing acts on the state the user sees.
(function () {
  'use strict';

  var S = {
    links: [], revision: -1, summary: null, info: null, low: 0.8,
    cur: 0, side: 'zh', sel: { zh: 0, en: 0 },
    hits: [], term: { zh: null, en: null }, starts: null
  };
  var $ = function (id) { return document.getElementById(id); };
  var list = $('list');

  // ---- talking to the server ------------------------------------------------------------

  function request(method, url, body) {
    var opts = { method: method, credentials: 'same-origin', headers: {} };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return fetch(url, opts).then(function (r) {
      var type = r.headers.get('content-type') || '';
      var data = type.indexOf('json') >= 0 ? r.json() : r.text();
      return data.then(function (d) {
        if (!r.ok) {
          var msg = (d && d.error) || (typeof d === 'string' ? d : 'request failed');
          throw new Error(msg);
        }
        return d;
      });
    }, function () { throw new Error('the review server is not reachable (was it stopped?)'); });
  }

  function say(text, kind) {
    var st = $('status');
    st.textContent = text || '';
    st.className = kind || '';
  }

  // ---- rendering ---------------------------------------------------------------------------

  function esc(t) {
    return String(t).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function sideHtml(items, lang) {
    if (!items.length) {
      return '<em class="none">(no ' + (lang === 'zh' ? 'Chinese' : 'English') + ')</em>';
    }
    var out = [];
    for (var k = 0; k < items.length; k++) {
      out.push('<span class="s" data-k="' + k + '">' + items[k] + '</span>');
    }
    return out.join(lang === 'zh' ? '' : ' ');
  }

  function rowHtml(v, n) {
    var isNull = !v.zh.length || !v.en.length;
    var cls = 'row s-' + v.status + (isNull ? ' null' : '') + (v.bookmark ? ' bm' : '');
    var tags = '';
    for (var i = 0; i < v.tags.length; i++) tags += '<span class="tag">' + esc(v.tags[i]) + '</span>';
    if (v.missing) tags += '<span class="tag warn">' + v.missing + ' term(s) unmatched</span>';
    if (v.issues.length) {
      var what = v.issues.map(function (f) {
        return f.dir + ' ' + f.term + ' expects ' + f.expected.join(' | ');
      }).join('\n');
      tags += '<span class="tag warn finding" title="' + esc(what) + '">' + v.issues.length +
        ' check finding(s)</span>';
    }
    return '<div class="' + cls + '" id="l' + (n + 1) + '" data-n="' + n + '">' +
      '<div class="num">' + (n + 1) + '</div>' +
      '<div class="score"><span class="badge">' + (isNull ? 'null' : v.score.toFixed(2)) +
      '</span><span class="kind">' + esc(v.type) + '</span><span class="st">' + esc(v.status) +
      '</span></div>' +
      '<div class="zh" lang="zh">' + sideHtml(v.zh, 'zh') + tags + '</div>' +
      '<div class="en" lang="en">' + sideHtml(v.en, 'en') + '</div></div>';
  }

  function colour(row, v) { row.style.setProperty('--c', v.colour); }

  function renderAll() {
    var html = [];
    for (var n = 0; n < S.links.length; n++) html.push(rowHtml(S.links[n], n));
    list.innerHTML = html.join('');
    var rows = list.children;
    for (var k = 0; k < rows.length; k++) colour(rows[k], S.links[k]);
    S.starts = null;
  }

  function renumber(from) {
    var rows = list.children;
    for (var n = from; n < rows.length; n++) {
      var r = rows[n];
      if (r.getAttribute('data-n') === String(n)) continue;
      r.setAttribute('data-n', n);
      r.id = 'l' + (n + 1);
      r.firstChild.textContent = n + 1;
    }
  }

  function applyPatch(p) {
    if (p.base !== S.revision) return loadState();
    // an entry {same: true, ...} keeps the texts of the link at its place (see app.py)
    p.links = p.links.map(function (e, j) {
      if (!e.same) return e;
      var v = Object.assign({}, S.links[p.start + j], e);
      delete v.same;
      return v;
    });
    var rows = list.children;
    for (var i = 0; i < p.remove; i++) list.removeChild(rows[p.start]);
    var tmp = document.createElement('div');
    tmp.innerHTML = p.links.map(function (v, j) { return rowHtml(v, p.start + j); }).join('');
    var fresh = Array.prototype.slice.call(tmp.children);
    var before = list.children[p.start] || null;
    fresh.forEach(function (r, j) { colour(r, p.links[j]); list.insertBefore(r, before); });
    Array.prototype.splice.apply(S.links, [p.start, p.remove].concat(p.links));
    if (p.links.length !== p.remove) renumber(p.start + p.links.length);
    S.revision = p.revision;
    S.summary = p.summary;
    S.info = Object.assign({}, S.info, p.info);  // a patch carries the undo/redo labels only
    S.starts = null;
    S.hits = [];
    markHits();
    showCounts();
    schedulePlot();
    return Promise.resolve();
  }

  function showCounts() {
    var s = S.summary, info = S.info;
    if (!s || !info) return;
    var types = Object.keys(s.types).map(function (k) { return k + ': ' + s.types[k]; }).join(', ');
    $('counts').textContent =
      s.links + ' links (' + types + ') · ' + s.units + ' units · ' + s.confirmed +
      ' confirmed, ' + s.edited + ' edited · ' + s.null + ' null, ' + s.low +
      ' under ' + S.low.toFixed(2) + ' · mean score ' + s.mean_score.toFixed(3) +
      ' · terms ' + s.terms_found + ' matched / ' + s.terms_missing + ' unmatched · ' +
      s.issues + ' check findings · ' + s.bookmarks + ' bookmarks' +
      (info.undo ? ' · undo: ' + info.undo.op : '') + (info.redo ? ' · redo: ' + info.redo.op : '');
    $('saved').textContent = 'session ' + info.session + ' · saved (revision ' + S.revision + ')';
    $('title').textContent = info.sides.src.name + ' ↔ ' + info.sides.tgt.name;
    document.title = $('title').textContent + ' — untm review';
  }

  function showFurniture() {
    var items = [];
    ['src', 'tgt'].forEach(function (side) {
      S.info.sides[side].furniture.forEach(function (f) {
        items.push((side === 'src' ? 'zh' : 'en') + ' ' + S.info.sides[side].furniture_place +
          ' ' + f.line + ': ' + f.kind + ': ' + f.text.slice(0, 120));
      });
    });
    $('furniture').firstChild.textContent = 'What cleaning removed (' + items.length + ' items)';
    $('furniture-list').textContent = items.join('\n');
  }

  var plotTimer = null;
  function schedulePlot() {
    clearTimeout(plotTimer);
    plotTimer = setTimeout(function () {
      request('GET', '/api/plot').then(function (svg) { $('plot').innerHTML = svg; }, function () {});
    }, 250);
  }

  function loadState() {
    return request('GET', '/api/state').then(function (st) {
      S.links = st.links;
      S.revision = st.revision;
      S.summary = st.summary;
      S.info = st.info;
      S.low = st.low_score;
      renderAll();
      showCounts();
      showFurniture();
      schedulePlot();
      setCursor(Math.min(S.cur, S.links.length - 1), true);
      document.body.setAttribute('data-ready', S.revision);
    });
  }

  // ---- the cursor -------------------------------------------------------------------------

  function rowAt(n) { return list.children[n] || null; }

  function setCursor(n, keepSel) {
    if (!S.links.length) return;
    n = Math.max(0, Math.min(S.links.length - 1, n));
    var old = list.querySelector('.row.cur');
    if (old) {
      old.classList.remove('cur');
      Array.prototype.forEach.call(old.querySelectorAll('.side-on, .sel'), function (e) {
        e.classList.remove('side-on'); e.classList.remove('sel');
      });
    }
    if (n !== S.cur || !keepSel) S.sel = { zh: 0, en: 0 };
    S.cur = n;
    var v = S.links[n];
    S.sel.zh = Math.max(0, Math.min(S.sel.zh, v.zh.length - 1));
    S.sel.en = Math.max(0, Math.min(S.sel.en, v.en.length - 1));
    var row = rowAt(n);
    row.classList.add('cur');
    var cell = row.querySelector('.' + S.side);
    cell.classList.add('side-on');
    ['zh', 'en'].forEach(function (side) {
      var s = row.querySelector('.' + side + ' .s[data-k="' + S.sel[side] + '"]');
      if (s) s.classList.add('sel');
    });
    row.scrollIntoView({ block: 'nearest' });
    document.body.setAttribute('data-cur', n);
    showCurrent();
  }

  function showCurrent() {
    var v = S.links[S.cur];
    $('cur-num').textContent = S.cur + 1;
    $('cur-meta').textContent = v.type + ' · ' + v.status + (v.bookmark ? ' · bookmarked' : '') +
      ' · ' + (S.side === 'zh' ? 'Chinese' : 'English') + ' side, sentence ' + (S.sel[S.side] + 1);
    var ul = $('findings');
    ul.innerHTML = '';
    v.issues.forEach(function (f) {
      var li = document.createElement('li');
      li.textContent = f.dir + ' “' + f.term + '” expects ' + f.expected.join(' | ');
      ul.appendChild(li);
    });
    if (v.missing) {
      var li = document.createElement('li');
      li.textContent = v.missing + ' Chinese term(s) without their English equivalent (marked)';
      ul.appendChild(li);
    }
  }

  function starts() {
    if (S.starts) return S.starts;
    var zh = [0], en = [0];
    for (var n = 0; n < S.links.length; n++) {
      zh.push(zh[n] + S.links[n].zh.length);
      en.push(en[n] + S.links[n].en.length);
    }
    S.starts = { zh: zh, en: en };
    return S.starts;
  }

  // the session's segment position of the chosen sentence on `side` of the current link
  function position(side) { return starts()[side][S.cur] + S.sel[side]; }
  function sideName(side) { return side === 'zh' ? 'src' : 'tgt'; }

  function jump(test, backward, what) {
    var n = S.links.length;
    for (var off = 1; off <= n; off++) {
      var k = ((S.cur + (backward ? -off : off)) % n + n) % n;
      if (test(S.links[k])) { setCursor(k); say(''); return; }
    }
    say('no ' + what + ' links', 'ok');
  }

  var FIND = {
    unconfirmed: function (v) { return v.status !== 'confirmed'; },
    uneven: function (v) { return v.type !== '1-1'; },
    null: function (v) { return !v.zh.length || !v.en.length; },
    low: function (v) { return v.low; },
    bookmark: function (v) { return v.bookmark; }
  };

  // ---- changes ------------------------------------------------------------------------------

  function change(url, body, after) {
    return request('POST', url, body || {}).then(function (p) {
      return applyPatch(p).then(function () {
        var n = after ? after(p) : S.cur;
        setCursor(Math.min(n, S.links.length - 1), false);
        say('');
        return p;
      });
    });
  }

  function op(body, after) { return change('/api/op', body, after); }

  function hasSide() {
    if (!S.links[S.cur][S.side].length) {
      say('this link has no ' + (S.side === 'zh' ? 'Chinese' : 'English') + ' side', 'error');
      return false;
    }
    return true;
  }

  var ACTIONS = {
    next: function () { setCursor(S.cur + 1); },
    prev: function () { setCursor(S.cur - 1); },
    pageDown: function () { setCursor(S.cur + 10); },
    pageUp: function () { setCursor(S.cur - 10); },
    first: function () { setCursor(0); },
    last: function () { setCursor(S.links.length - 1); },
    toggleSide: function () { S.side = S.side === 'zh' ? 'en' : 'zh'; setCursor(S.cur, true); },
    sideZh: function () { S.side = 'zh'; setCursor(S.cur, true); },
    sideEn: function () { S.side = 'en'; setCursor(S.cur, true); },
    selPrev: function () { S.sel[S.side] -= 1; setCursor(S.cur, true); },
    selNext: function () { S.sel[S.side] += 1; setCursor(S.cur, true); },
    shiftUp: function () {
      if (!hasSide()) return;
      return op({ op: 'shift-first', link: S.cur, side: sideName(S.side) });
    },
    shiftDown: function () {
      if (!hasSide()) return;
      return op({ op: 'shift-last', link: S.cur, side: sideName(S.side) });
    },
    merge: function () { return op({ op: 'merge', link: S.cur }); },
    split: function () {
      var v = S.links[S.cur];
      return op({ op: 'split-link', link: S.cur, src_at: v.zh.length ? S.sel.zh : 0,
                  tgt_at: v.en.length ? S.sel.en : 0 });
    },
    detach: function () {
      if (!hasSide()) return;
      return op({ op: 'detach', link: S.cur, side: sideName(S.side) });
    },
    join: function () {
      if (!hasSide()) return;
      return op({ op: 'join-segments', side: sideName(S.side), segment: position(S.side) });
    },
    edit: function () { if (hasSide()) openEditor(); },
    confirm: function () {
      if (S.links[S.cur].status === 'confirmed') { setCursor(S.cur + 1); return; }
      var at = S.cur;
      return op({ op: 'confirm', link: at }, function () { return at + 1; });
    },
    confirmAbove: function () {
      var at = S.cur;
      return op({ op: 'confirm-up-to', link: at }, function () { return at + 1; });
    },
    bookmark: function () { return op({ op: 'bookmark', link: S.cur }); },
    undo: function () { return change('/api/undo', {}, function (p) { return p.focus; }); },
    redo: function () { return change('/api/redo', {}, function (p) { return p.focus; }); },
    nextUnconfirmed: function () { jump(FIND.unconfirmed, false, 'unconfirmed'); },
    prevUnconfirmed: function () { jump(FIND.unconfirmed, true, 'unconfirmed'); },
    nextUneven: function () { jump(FIND.uneven, false, 'uneven'); },
    prevUneven: function () { jump(FIND.uneven, true, 'uneven'); },
    nextNull: function () { jump(FIND.null, false, 'null'); },
    prevNull: function () { jump(FIND.null, true, 'null'); },
    nextLow: function () { jump(FIND.low, false, 'low-confidence'); },
    prevLow: function () { jump(FIND.low, true, 'low-confidence'); },
    nextBookmark: function () { jump(FIND.bookmark, false, 'bookmarked'); },
    prevBookmark: function () { jump(FIND.bookmark, true, 'bookmarked'); },
    search: function () { openSearch(); },
    realign: function () {
      say('realigning the links between held ones…');
      return change('/api/realign', { keep_edited: true }, function (p) { return p.focus; })
        .then(function (p) {
          say('realigned: ' + p.links.length + ' links from link ' + (p.start + 1) + ' on', 'ok');
        });
    },
    exportAll: function () { return exportTo(false); },
    exportConfirmed: function () { return exportTo(true); },
    term: function () { return takeTerm(); },
    help: function () { toggle('help'); },
    escape: function () {
      S.term = { zh: null, en: null };
      showTerm();
      say('');
    }
  };

  function exportTo(confirmedOnly) {
    return request('POST', '/api/export', { confirmed_only: confirmedOnly }).then(function (r) {
      say('exported ' + r.written.map(function (w) {
        return w.name + ' (' + w.units + ' units)';
      }).join(', '), 'ok');
    });
  }

  // ---- terms from the page --------------------------------------------------------------------

  function showTerm() {
    $('term-zh').textContent = S.term.zh || '–';
    $('term-en').textContent = S.term.en || '–';
  }

  function takeTerm() {
    var sel = window.getSelection();
    var text = sel ? sel.toString().replace(/\s+/g, ' ').trim() : '';
    var node = sel && sel.anchorNode;
    var el = node && (node.nodeType === 1 ? node : node.parentElement);
    var cell = el && el.closest('.row .zh, .row .en');
    if (!text || !cell) {
      say('select a Chinese or an English term in a link first, then press t', 'error');
      return;
    }
    var side = cell.classList.contains('zh') ? 'zh' : 'en';
    S.term[side] = text;
    showTerm();
    sel.removeAllRanges();
    if (!S.term.zh || !S.term.en) {
      say('now select the ' + (side === 'zh' ? 'English' : 'Chinese') + ' term and press t');
      return;
    }
    var pair = S.term;
    return change('/api/term', { zh: pair.zh, en: pair.en }).then(function () {
      S.term = { zh: null, en: null };
      showTerm();
      say('added to the glossary: ' + pair.zh + ' = ' + pair.en, 'ok');
    });
  }

  // ---- editing a sentence ----------------------------------------------------------------------

  function plainText(side) {
    var row = rowAt(S.cur);
    var s = row.querySelector('.' + side + ' .s[data-k="' + S.sel[side] + '"]');
    return s ? s.textContent : '';
  }

  var editing = null;
  function openEditor() {
    var side = S.side;
    editing = { side: side, segment: position(side), text: plainText(side) };
    $('edit-title').textContent = 'Edit ' + (side === 'zh' ? 'Chinese' : 'English') +
      ' sentence ' + (S.sel[side] + 1) + ' of link ' + (S.cur + 1);
    var ta = $('edit-text');
    ta.value = editing.text;
    $('editor').hidden = false;
    ta.focus();
  }

  function closeEditor() { $('edit-text').blur(); $('editor').hidden = true; editing = null; }

  $('edit-text').addEventListener('keydown', function (e) {
    if (!editing) return;
    var ed = editing, ta = e.target;
    if (e.key === 'Escape') { e.preventDefault(); closeEditor(); return; }
    if (e.key !== 'Enter') return;
    e.preventDefault();
    var text = ta.value.replace(/[\r\n]+/g, ' ');
    var side = sideName(ed.side);
    if (e.ctrlKey || e.metaKey) {
      var offset = Array.from(text.slice(0, ta.selectionStart)).length;
      closeEditor();
      enqueue(function () {
        var first = text !== ed.text ?
          op({ op: 'edit-text', side: side, segment: ed.segment, text: text }) : Promise.resolve();
        return first.then(function () {
          return op({ op: 'split-segment', side: side, segment: ed.segment, offset: offset });
        });
      });
      return;
    }
    closeEditor();
    if (text === ed.text) return;
    enqueue(function () { return op({ op: 'edit-text', side: side, segment: ed.segment, text: text }); });
  });

  // ---- search ----------------------------------------------------------------------------------

  function openSearch() { $('search').hidden = false; $('q').focus(); $('q').select(); }

  var lastQuery = null;
  $('q').addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.preventDefault(); $('q').blur(); $('search').hidden = true; return; }
    if (e.key !== 'Enter') return;
    e.preventDefault();
    var q = $('q').value, side = $('q-side').value, back = e.shiftKey;
    var key = side + '\u0000' + q;
    var ready = key === lastQuery && S.hits.length ? Promise.resolve() :
      request('GET', '/api/search?q=' + encodeURIComponent(q) + '&side=' + side).then(function (r) {
        lastQuery = key;
        S.hits = r.links;
        markHits();
      });
    ready.then(function () {
      if (!S.hits.length) { say('no link matches', 'error'); return; }
      var next = null;
      for (var i = 0; i < S.hits.length; i++) {
        var h = S.hits[back ? S.hits.length - 1 - i : i];
        if (back ? h < S.cur : h > S.cur) { next = h; break; }
      }
      if (next === null) next = back ? S.hits[S.hits.length - 1] : S.hits[0];
      setCursor(next);
      say((S.hits.indexOf(next) + 1) + ' of ' + S.hits.length + ' matching links', 'ok');
    }, function (err) { say(err.message, 'error'); });
  });

  function markHits() {
    Array.prototype.forEach.call(list.querySelectorAll('.row.hit'), function (r) {
      r.classList.remove('hit');
    });
    S.hits.forEach(function (n) { var r = rowAt(n); if (r) r.classList.add('hit'); });
  }

  // ---- overlays and the key table ----------------------------------------------------------------

  function toggle(id) { $(id).hidden = !$(id).hidden; }

  // [keys shown, description, action, key names (KeyboardEvent.key, 'C-' = Ctrl/Cmd)]
  var KEYS = [
    ['Moving'],
    ['j  ↓', 'next link', 'next', ['j', 'ArrowDown']],
    ['k  ↑', 'previous link', 'prev', ['k', 'ArrowUp']],
    ['PgDn  PgUp', '10 links down / up', null, []],
    ['g  Home  G  End', 'first link (g, Home) / last link (G, End)', null, []],
    ['Tab  ←  →', 'switch side: Chinese / English', 'toggleSide', ['Tab']],
    ['[  ]', 'choose the previous / next sentence of the current side', null, []],
    ['n  N', 'next / previous unconfirmed link', null, []],
    ['u  U', 'next / previous uneven link (not 1-1)', null, []],
    ['o  O', 'next / previous null link', null, []],
    ['l  L', 'next / previous low-confidence link', null, []],
    ["'  \"", 'next / previous bookmark', null, []],
    ['/', 'search both sides (regular expression); Enter: next match', 'search', ['/']],
    ['Changing links'],
    ['K', 'shift the first sentence of the current side up into the previous link', 'shiftUp', ['K']],
    ['J', 'shift the last sentence of the current side down into the next link', 'shiftDown', ['J']],
    ['m', 'merge the link with the next one', 'merge', ['m']],
    ['s', 'split the link before the chosen sentence of each side ([ ] and Tab choose)', 'split', ['s']],
    ['i', 'insert an empty side: the current side becomes a null link of its own', 'detach', ['i']],
    ['e', 'edit the chosen sentence (Ctrl+Enter in the editor splits it at the cursor)', 'edit', ['e']],
    ['M', 'join the chosen sentence with the next one of the same side', 'join', ['M']],
    ['c  Space', 'confirm the link and go to the next', 'confirm', ['c', ' ']],
    ['C', 'confirm every link from the first down to this one and go to the next', 'confirmAbove', ['C']],
    ['b', 'bookmark the link (again: clear)', 'bookmark', ['b']],
    ['z  Ctrl+Z', 'undo', 'undo', ['z', 'C-z']],
    ['y  Z  Ctrl+Y', 'redo', 'redo', ['y', 'Z', 'C-y', 'C-Z']],
    ['r', 'realign the rest: the aligner re-runs between confirmed and edited links', 'realign', ['r']],
    ['Terms, export, help'],
    ['t', 'take the selected Chinese or English text as a term; the second one adds the pair to the glossary', 'term', ['t']],
    ['x', 'export to the outputs chosen on the command line', 'exportAll', ['x']],
    ['X', 'export the confirmed links only', 'exportConfirmed', ['X']],
    ['?', 'show / hide this help', 'help', ['?']],
    ['Esc', 'close help and search; forget a half-taken term', 'escape', ['Escape']]
  ];
  var BINDINGS = {
    PageDown: 'pageDown', PageUp: 'pageUp', g: 'first', Home: 'first', G: 'last', End: 'last',
    ArrowLeft: 'sideZh', ArrowRight: 'sideEn', '[': 'selPrev', ']': 'selNext',
    n: 'nextUnconfirmed', N: 'prevUnconfirmed', u: 'nextUneven', U: 'prevUneven',
    o: 'nextNull', O: 'prevNull', l: 'nextLow', L: 'prevLow',
    "'": 'nextBookmark', '"': 'prevBookmark'
  };
  KEYS.forEach(function (k) {
    if (k[2]) k[3].forEach(function (name) { BINDINGS[name] = k[2]; });
  });

  function helpTable() {
    var t = $('help-keys');
    KEYS.forEach(function (k) {
      var tr = document.createElement('tr');
      if (k.length === 1) {
        tr.className = 'group';
        tr.innerHTML = '<td colspan="2"></td>';
        tr.firstChild.textContent = k[0];
      } else {
        tr.innerHTML = '<td></td><td></td>';
        k[0].split(/\s{2,}/).forEach(function (key, i) {
          if (i) tr.firstChild.appendChild(document.createTextNode(' '));
          var kbd = document.createElement('kbd');
          kbd.textContent = key;
          tr.firstChild.appendChild(kbd);
        });
        tr.lastChild.textContent = k[1];
      }
      t.appendChild(tr);
    });
  }

  // keys run one at a time, in order (see the top of the file)
  var queue = Promise.resolve();
  var pending = 0;
  function enqueue(fn) {
    pending++;
    document.body.setAttribute('data-busy', pending);
    var t0 = performance.now();
    var p = queue.then(fn).catch(function (err) { say(err.message, 'error'); });
    queue = p.then(function () {
      pending--;
      // how long the last key took, from its keydown to the page updated (read by the bench)
      document.body.setAttribute('data-last-ms', Math.round(performance.now() - t0));
      document.body.setAttribute('data-busy', pending);
    });
    return p;
  }

  document.addEventListener('keydown', function (e) {
    var t = e.target;
    if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
    if (e.altKey) return;
    var name = (e.ctrlKey || e.metaKey) ? 'C-' + e.key : e.key;
    if ((e.ctrlKey || e.metaKey) && !BINDINGS[name]) return;  // leave the browser's own keys
    if (e.key === 'Escape') {
      $('help').hidden = true;
      $('search').hidden = true;
    } else if (!$('help').hidden && e.key !== '?') {
      return;
    }
    var action = BINDINGS[name];
    if (!action) return;
    e.preventDefault();
    enqueue(function () { return ACTIONS[action](); });
  });

  list.addEventListener('click', function (e) {
    var row = e.target.closest('.row');
    if (!row) return;
    var cell = e.target.closest('.zh, .en');
    if (cell) S.side = cell.classList.contains('zh') ? 'zh' : 'en';
    var s = e.target.closest('.s');
    var n = Number(row.getAttribute('data-n'));
    if (n !== S.cur) S.sel = { zh: 0, en: 0 };
    if (s && cell) S.sel[S.side] = Number(s.getAttribute('data-k'));
    S.cur = n;
    setCursor(n, true);
  });

  $('plot').addEventListener('click', function (e) {
    var a = e.target.closest('a');
    if (!a) return;
    e.preventDefault();
    var n = Number((a.getAttribute('href') || '').replace('#l', '')) - 1;
    if (n >= 0) setCursor(n);
  });

  helpTable();
  showTerm();
  loadState().catch(function (err) { say(err.message, 'error'); });
})();
