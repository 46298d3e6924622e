/* The guided session page.
 *
 * Every time shown is computed from an absolute instant (the set's start, the rest's deadline)
 * and the clock, on every tick and when the page becomes visible again: never by counting
 * ticks, so a locked phone shows the right time when it wakes. Server instants are moved onto
 * this device's clock by the skew measured at each fetch.
 *
 * Sets are queued in localStorage, each under an id chosen here, and sent when the network
 * allows; the server stores a set with a known id once, so sending the queue twice is harmless.
 */
(() => {
  'use strict';

  const API = '/api/v1/sessions';
  const QUEUE_KEY = 'strongback.session.queue';
  const RUN_KEY = 'strongback.session.run';
  const TICK_MS = 200;
  const LATE_CUE_MS = 1000; // a cue later than this (the page was asleep) makes no sound
  const params = new URLSearchParams(window.location.search);
  // ?speed=N runs the set's timeline N times faster: for demonstrations and the benchmark.
  const speed = Math.min(Math.max(Number(params.get('speed')) || 1, 1), 20);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  const LABELS = {
    ready: 'Get ready', lower: 'Lower', pause: 'Pause', lift: 'Lift', squeeze: 'Squeeze',
    hold: 'Hold', switch: 'Switch sides', done: 'Set done', rest: 'Rest',
  };

  let data = null; // the last SessionOut, advanced locally by the sets still queued
  let skew = 0; // server clock minus this device's clock, in ms
  let run = null; // the set in progress: {item, set, startMs}
  let cueTimer = null;
  let tickTimer = null;
  let audio = null;
  let wakeLock = null;
  let wantAwake = false;
  let lastKind = null;
  let lastCueAt = -Infinity; // the instant the last cue was due
  let flushing = null;
  let pending = 0; // requests in flight
  const cues = [];

  // ---- clock -----------------------------------------------------------------------------
  const now = () => Date.now();
  const toLocal = (iso) => Date.parse(iso) - skew;
  const toServerIso = (ms) => new Date(ms + skew).toISOString();

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  }

  // ---- network ---------------------------------------------------------------------------
  async function api(method, path, body) {
    const sent = now();
    pending += 1;
    try {
      const response = await fetch(API + path, {
        method,
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = await response.json().catch(() => null);
      if (json && json.now) skew = Date.parse(json.now) - (sent + now()) / 2;
      return { status: response.status, ok: response.ok, json };
    } finally {
      pending -= 1;
    }
  }

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  const readQueue = () => JSON.parse(localStorage.getItem(QUEUE_KEY) || '[]');
  const writeQueue = (q) => localStorage.setItem(QUEUE_KEY, JSON.stringify(q));

  // ---- the session's state, advanced locally like the server does --------------------------
  const state = () => data.state;
  const item = () => state().items[state().current];

  function advance(entry) {
    const st = state();
    if (entry.item !== st.current || entry.number !== st.set_number || st.stage === 'done') return;
    const it = item();
    let rest;
    if (st.set_number < it.sets) {
      rest = it.rest_seconds;
      st.set_number += 1;
    } else if (st.current + 1 < st.items.length) {
      rest = st.changeover_seconds;
      st.current += 1;
      st.set_number = 1;
    } else {
      st.stage = 'done';
      st.deadline = null;
      return;
    }
    st.stage = rest ? 'rest' : 'ready';
    st.stage_started_at = toServerIso(now());
    st.deadline = rest ? toServerIso(now() + rest * 1000) : null;
  }

  function applyQueued() {
    for (const entry of readQueue()) {
      if (data.entered.some((e) => e.id === entry.id)) continue;
      data.entered.push({ ...entry, waiting: true });
      advance(entry);
    }
  }

  function adopt(json) {
    data = json;
    applyQueued();
    const st = state();
    const t = data.timeline;
    const saved = JSON.parse(localStorage.getItem(RUN_KEY) || 'null');
    if (st.stage === 'work' && t && t.starts_at && t.item === st.current && t.set === st.set_number) {
      run = { item: t.item, set: t.set, startMs: toLocal(t.starts_at) };
    } else if (saved && saved.item === st.current && saved.set === st.set_number && st.stage !== 'done') {
      run = saved; // started while offline
    } else {
      run = null;
    }
  }

  async function load() {
    try {
      const r = await api('GET', '/active');
      if (r.status === 404) data = null;
      else if (r.ok) adopt(r.json);
    } catch (e) {
      message('Offline: showing the session as this device last saw it.');
    }
    schedule();
    render();
    flush();
  }

  // ---- cues ------------------------------------------------------------------------------
  function unlockAudio() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) audio = new Ctx();
    if (audio && audio.state !== 'running') audio.resume().catch(() => {});
  }

  function beep(high) {
    if (!audio || audio.state !== 'running') return;
    const t = audio.currentTime;
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = high ? 1320 : 880;
    gain.gain.setValueAtTime(0.3, t);
    gain.gain.exponentialRampToValueAtTime(0.001, t + 0.12);
    osc.connect(gain).connect(audio.destination);
    osc.start(t);
    osc.stop(t + 0.13);
  }

  function flash() {
    const el = $('phase');
    el.classList.remove('flash');
    void el.offsetWidth; // restart the animation
    el.classList.add('flash');
  }

  function cue(kind, scheduled) {
    const actual = now();
    lastCueAt = scheduled;
    const late = actual - scheduled > LATE_CUE_MS;
    cues.push({ kind, scheduled, actual, late });
    if (late) return;
    beep(kind === 'done' || kind === 'rest-over');
    flash();
    if (navigator.vibrate) navigator.vibrate(kind === 'done' ? [80, 60, 80] : 60);
  }

  /* The instants (on this device's clock) at which a cue is due, with their kinds. */
  function boundaries() {
    const out = [];
    if (run) {
      const t = item().timeline;
      for (const e of t.events) out.push({ at: run.startMs + (e.at * 1000) / speed, kind: e.kind });
      out.push({ at: run.startMs + (t.total_seconds * 1000) / speed, kind: 'done' });
    } else if (data && state().stage === 'rest' && state().deadline) {
      out.push({ at: restEnd(), kind: 'rest-over' });
    }
    return out;
  }

  function restEnd() {
    const st = state();
    const start = toLocal(st.stage_started_at);
    return start + (toLocal(st.deadline) - start) / speed;
  }

  /* One timer to the next boundary, set from the absolute instant each time. A timer may fire
   * up to a millisecond before a fractional instant: the next one is looked for 20 ms (at speed
   * 1; phases last a second or more) after the last cue, so no boundary is cued twice. */
  function schedule() {
    clearTimeout(cueTimer);
    const t = now();
    const from = Math.max(t, lastCueAt + 20 / speed);
    const next = boundaries().find((b) => b.at > from);
    if (!next) return;
    cueTimer = setTimeout(() => {
      cue(next.kind, next.at);
      render();
      schedule();
    }, next.at - t);
  }

  // ---- display ---------------------------------------------------------------------------
  function message(text) {
    const el = $('message');
    el.textContent = text || '';
    el.hidden = !text;
  }

  function phaseAt(t) {
    const tl = item().timeline;
    const elapsed = ((t - run.startMs) / 1000) * speed;
    if (elapsed >= tl.total_seconds) return { kind: 'done', left: 0, event: null };
    let current = tl.events[0];
    for (const e of tl.events) if (e.at <= elapsed) current = e;
    return { kind: current.kind, left: current.at + current.seconds - elapsed, event: current };
  }

  function dose(it, st) {
    const parts = [`Set ${st.set_number} of ${it.sets}`];
    if (it.reps) parts.push(`${it.reps} reps${it.per_side ? ' per side' : ''}`);
    if (it.seconds) parts.push(`${it.seconds} s${it.per_side ? ' per side' : ''}`);
    parts.push(`tempo ${it.tempo.replaceAll('-', '\u2011')}`); // non-breaking hyphens
    if (it.weight) parts.push(`${it.weight} ${it.unit || ''}`.trim());
    return parts.join(' · ');
  }

  function showItem(it, st) {
    if ($('exercise-name').dataset.key !== `${st.current}:${it.exercise}`) {
      $('exercise-name').dataset.key = `${st.current}:${it.exercise}`;
      $('exercise-name').textContent = it.name;
      $('cues').replaceChildren(...it.cues.map((c) => Object.assign(document.createElement('li'), { textContent: c })));
      $('mistake').hidden = !it.mistake;
      $('mistake').textContent = it.mistake ? `Avoid: ${it.mistake}${it.fix ? ` (${it.fix})` : ''}` : '';
    }
    if ($('swap-form').dataset.key !== `${st.current}:${it.exercise}`) {
      $('swap-form').dataset.key = `${st.current}:${it.exercise}`;
      loadSwaps(it);
    }
    $('dose').textContent = dose(it, st);
    const key = `${st.current}/${st.set_number}/${it.exercise}`;
    if ($('log-form').dataset.key !== key) {
      $('log-form').dataset.key = key;
      $('log-title').textContent = `Log set ${st.set_number} of ${it.sets}`;
      $('log-reps').value = it.reps ?? '';
      $('log-seconds').value = it.seconds ?? '';
      $('log-weight').value = it.weight ?? '';
      $('log-rir').value = it.target_rir ?? '';
      $('log-pain').value = '';
      $('log-pain-where').value = '';
    }
  }

  /* The swaps for the current exercise, fetched when it changes (they need the network). */
  async function loadSwaps(it) {
    const key = $('swap-form').dataset.key;
    const select = $('swap-choice');
    $('swap-current').textContent = it.name;
    select.replaceChildren(new Option('Loading…', ''));
    $('swap').disabled = true;
    let options = [];
    try {
      const r = await api('GET', '/active/swaps');
      if (r.ok) options = r.json.items;
    } catch (e) {
      /* offline: nothing to offer until the network returns */
    }
    if ($('swap-form').dataset.key !== key) return; // moved on to another exercise meanwhile
    const why = { easier: 'easier', harder: 'harder', 'same-pattern': 'same movement' };
    select.replaceChildren(...options.map((o) => new Option(`${o.name} (${why[o.why] || o.why})`, o.exercise)));
    if (!options.length) select.replaceChildren(new Option(navigator.onLine ? 'No swap with your equipment' : 'Offline', ''));
    $('swap').disabled = !options.length;
  }

  function showPhase(t) {
    const st = state();
    let kind = 'ready';
    let count = '';
    let rep = 'Tap Start set when you are in position.';
    if (run) {
      const p = phaseAt(t);
      kind = p.kind;
      count = p.kind === 'done' ? '' : String(Math.ceil(p.left));
      const e = p.event;
      rep = e && e.rep ? `Rep ${e.rep} of ${item().reps}${e.side ? ` · ${e.side} side` : ''}` : (e && e.side ? `${e.side} side` : '');
      if (p.kind === 'done') rep = 'Enter what you did below.';
    } else if (st.stage === 'rest' && st.deadline) {
      const left = (restEnd() - t) / 1000;
      kind = 'rest';
      count = left > 0 ? clock(Math.ceil(left)) : `+${clock(-left)}`;
      rep = left > 0 ? `Rest, then set ${st.set_number}` : `Rest over: set ${st.set_number} is ready`;
    }
    $('phase').dataset.kind = kind;
    $('phase-name').textContent = kind === 'rest' && count.startsWith('+') ? 'Rest over' : LABELS[kind];
    $('phase-count').textContent = count;
    $('phase-rep').textContent = rep;
    $('start-set').hidden = Boolean(run) && kind !== 'done';
    lastKind = kind;
  }

  function showEntered() {
    const names = state().items.map((i) => i.name);
    $('entered').replaceChildren(...data.entered.map((e) => {
      const li = document.createElement('li');
      const what = e.reps != null ? `${e.reps} reps` : `${e.seconds} s`;
      li.textContent = `${names[e.item] || e.exercise}: ${what}${e.weight ? ` × ${e.weight} ${e.unit || ''}` : ''}`.trim();
      if (e.waiting) {
        li.className = 'waiting';
        li.textContent += ' (waiting to be sent)';
      }
      return li;
    }));
    const waiting = readQueue().length;
    $('queued').textContent = waiting ? `${waiting} set${waiting > 1 ? 's' : ''} waiting to be sent` : '';
  }

  function render() {
    const t = now();
    $('net').textContent = navigator.onLine ? '' : 'Offline: sets wait on this device';
    $('start').hidden = Boolean(data);
    $('session').hidden = !data;
    if (!data) return;
    const st = state();
    const it = item();
    const done = st.stage === 'done' || !it;
    for (const id of ['phase-name', 'phase-count', 'phase-rep', 'phase-actions', 'log-form', 'howto', 'swap-form']) {
      $(id).hidden = done;
    }
    if (!done) {
      showItem(it, st);
      showPhase(t);
    } else {
      $('exercise-name').dataset.key = '';
      $('exercise-name').textContent = st.items.length ? 'Every set is done' : 'No exercise planned today';
      $('dose').textContent = 'Finish the session to save it to your log.';
    }
    showEntered();
  }

  // ---- wake lock -------------------------------------------------------------------------
  function showWake(on, text) {
    $('wake').dataset.on = String(on);
    $('wake').textContent = text;
  }

  async function keepAwake() {
    wantAwake = true;
    if (!('wakeLock' in navigator)) {
      showWake(false, 'Screen may sleep (no wake lock here)');
      return;
    }
    try {
      wakeLock = await navigator.wakeLock.request('screen');
      showWake(true, 'Screen stays on');
      wakeLock.addEventListener('release', () => showWake(false, 'Screen may sleep'));
    } catch (e) {
      showWake(false, 'Screen may sleep');
    }
  }

  // ---- actions ---------------------------------------------------------------------------
  async function startSession() {
    unlockAudio();
    keepAwake();
    try {
      const r = await api('POST', '', {});
      if (r.ok || r.status === 409) await load();
      else message(r.json && r.json.error ? r.json.error.message : 'The session could not start.');
    } catch (e) {
      message('No network: the session starts when you are online.');
    }
  }

  async function startSet() {
    unlockAudio();
    keepAwake();
    const st = state();
    run = { item: st.current, set: st.set_number, startMs: now() };
    localStorage.setItem(RUN_KEY, JSON.stringify(run));
    schedule();
    render();
    try {
      const r = await api('POST', '/active/actions', { action: 'start_set' });
      if (r.ok) adopt(r.json);
    } catch (e) {
      /* offline: the set runs from the tap on this device */
    }
    schedule();
    render();
  }

  async function skipSet() {
    try {
      const r = await api('POST', '/active/actions', { action: 'skip_set' });
      if (r.ok) adopt(r.json);
    } catch (e) {
      message('Skipping needs the network.');
    }
    schedule();
    render();
  }

  function numberOf(id) {
    const v = $(id).value.trim();
    return v === '' ? null : Number(v);
  }

  function logSet(event) {
    event.preventDefault();
    unlockAudio();
    const st = state();
    const it = item();
    const entry = {
      id: uuid(), item: st.current, number: st.set_number, exercise: it.exercise,
      reps: numberOf('log-reps'), seconds: numberOf('log-seconds'),
      weight: numberOf('log-weight'), rir: numberOf('log-rir'),
      pain: numberOf('log-pain'),
    };
    const where = $('log-pain-where').value.trim();
    if (entry.pain != null && where) entry.pain_where = where;
    if (entry.weight != null && it.unit) entry.unit = it.unit;
    if (entry.reps == null && entry.seconds == null) {
      message('Enter the reps or the seconds done.');
      return;
    }
    if (entry.pain != null && !(Number.isInteger(entry.pain) && entry.pain >= 0 && entry.pain <= 10)) {
      message('Pain is a whole number from 0 to 10.');
      return;
    }
    message('');
    writeQueue([...readQueue(), entry]);
    localStorage.removeItem(RUN_KEY);
    data.entered.push({ ...entry, waiting: true });
    advance(entry);
    run = null;
    schedule();
    render();
    flush();
  }

  /* Send every queued set, in order; each leaves the queue once the server has it. */
  async function sendQueue() {
    for (const entry of readQueue()) {
      let r;
      try {
        r = await api('POST', '/active/sets', entry);
      } catch (e) {
        return false; // offline: try again when the network returns
      }
      if (r.status >= 500 || r.status === 401) return false;
      if (!r.ok) message(`A set could not be stored: ${r.json && r.json.error ? r.json.error.message : r.status}`);
      writeQueue(readQueue().filter((q) => q.id !== entry.id));
    }
    return true;
  }

  function flush() {
    if (!flushing) {
      flushing = sendQueue().then(async (sent) => {
        flushing = null;
        if (sent && data) {
          const r = await api('GET', '/active').catch(() => null);
          if (r && r.ok) adopt(r.json);
          else if (r && r.status === 404) data = null;
          schedule();
        }
        render();
        return sent;
      });
    }
    return flushing;
  }

  /* Swap or add need the server (it prescribes the new exercise from the history): the queued
   * sets go first, so they stay with the exercise they were done on. */
  async function change(path, exercise, done) {
    message('');
    if (!(await flush()) || readQueue().length) {
      message('Changing the session needs the network: try again when you are online.');
      return;
    }
    const r = await api('POST', path, { exercise }).catch(() => null);
    if (r && r.ok) {
      localStorage.removeItem(RUN_KEY);
      adopt(r.json);
      done();
    } else {
      message(r && r.json && r.json.error ? r.json.error.message : 'The session could not be changed: try again when you are online.');
    }
    schedule();
    render();
  }

  function swapExercise(event) {
    event.preventDefault();
    const exercise = $('swap-choice').value;
    if (exercise) change('/active/swap', exercise, () => {});
  }

  function addExercise(event) {
    event.preventDefault();
    const typed = $('add-name').value.trim();
    if (!typed) {
      message('Type or pick the exercise to add.');
      return;
    }
    const known = Array.from($('exercise-choices').options).find((o) => o.value.toLowerCase() === typed.toLowerCase());
    change('/active/exercises', known ? known.dataset.id : typed, () => { $('add-name').value = ''; });
  }

  async function finish() {
    await flush();
    if (readQueue().length) {
      message('Some sets are still waiting for the network: finish when you are online.');
      return;
    }
    const r = await api('POST', '/active/finish').catch(() => null);
    if (r && r.ok) {
      data = null;
      localStorage.removeItem(RUN_KEY);
      $('session').hidden = true;
      $('finished').hidden = false;
      clearTimeout(cueTimer);
    } else {
      message('The session could not be finished: try again when you are online.');
    }
  }

  // ---- page life -------------------------------------------------------------------------
  function startTicking() {
    clearInterval(tickTimer);
    tickTimer = setInterval(render, TICK_MS);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      clearInterval(tickTimer); // nothing to show; the deadlines say the time on return
      return;
    }
    if (audio) audio.resume().catch(() => {});
    if (wantAwake && (!wakeLock || wakeLock.released)) keepAwake();
    schedule();
    render();
    startTicking();
  });
  window.addEventListener('online', () => { render(); flush(); });
  window.addEventListener('offline', render);
  setInterval(() => { if (readQueue().length && navigator.onLine) flush(); }, 10000);

  $('start-session').addEventListener('click', startSession);
  $('start-set').addEventListener('click', startSet);
  $('skip-set').addEventListener('click', skipSet);
  $('log-form').addEventListener('submit', logSet);
  $('finish').addEventListener('click', finish);
  $('swap-form').addEventListener('submit', swapExercise);
  $('add-form').addEventListener('submit', addExercise);

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch(() => {});
  }

  // What tests and the timing benchmark read; nothing on the page depends on it.
  window.strongbackSession = {
    cues, flush, sendQueue, readQueue,
    run: () => run, skew: () => skew, speed, idle: () => pending === 0 && !flushing,
  };

  startTicking();
  load();
})();
