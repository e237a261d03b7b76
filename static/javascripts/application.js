// Steadfast front-end entry point, loaded as an ES module after the page is parsed.
// The page template marks <body> with `govuk-frontend-supported` (a nonce'd snippet),
// which GOV.UK Frontend 6 requires before its components will start.
import { initAll as initGovukFrontend } from './govuk-frontend.min.js'
import { initAll as initMojFrontend } from './moj-frontend.min.js'

initGovukFrontend()
initMojFrontend()

// Drafts save themselves: a form marked data-autosave posts to its address a few seconds after
// the last keystroke, with X-Autosave so the server answers in JSON. When someone else has
// saved in the meantime the server refuses; saving stops and the page says so, and the
// person's own words stay in the form for them to compare and save on purpose.
const AUTOSAVE_DELAY_MS = 3000

function startAutosave (form) {
  const status = form.querySelector('[data-autosave-status]')
  const version = form.querySelector('[data-autosave-version]')
  let timer = null
  let stopped = false

  const save = async () => {
    if (stopped) return
    const response = await fetch(form.dataset.autosave, {
      method: 'POST',
      body: new FormData(form),
      headers: { 'X-Autosave': '1' },
      credentials: 'same-origin'
    })
    if (!(response.headers.get('Content-Type') || '').includes('application/json')) {
      stopped = true
      status.textContent = 'Draft not saved: your sign-in may have expired. Copy your words somewhere safe, then sign in again.'
      return
    }
    const answer = await response.json()
    if (response.ok) {
      version.value = answer.version
      status.textContent = `Draft saved at ${answer.saved_at}`
    } else if (answer.stale) {
      stopped = true
      status.textContent = 'Someone else has saved this record since you opened it. Your draft has not been saved: choose Save to compare both versions.'
    } else {
      status.textContent = `Draft not saved: ${answer.errors.join(' ')}`
    }
  }

  form.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(() => { save().catch(() => { status.textContent = 'Draft not saved: check your connection.' }) }, AUTOSAVE_DELAY_MS)
  })
  form.addEventListener('submit', () => { clearTimeout(timer); stopped = true })
}

document.querySelectorAll('form[data-autosave]').forEach(startAutosave)

// Choosing a person by typing: a <select> inside [data-autocomplete] becomes GOV.UK's accessible
// autocomplete, found by any words of a name, role or team. Without JavaScript, or until the
// script arrives, the select works as it is; it stays in the form and is what is sent.
const AUTOCOMPLETE_HINT = 'When results are available, use the up and down arrows to review them and enter to choose one. On a touch device, explore by touch or with swipe gestures.'

const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

function startAutocomplete (select) {
  const wrapper = select.closest('[data-autocomplete]')
  const options = [...select.options].filter((option) => option.value)
  const labels = options.map((option) => option.textContent)
  const optionFor = (text) => options.find((option) => option.textContent === text)
  // The hint and any error the select is described by, read out with the autocomplete's own.
  const described = (select.getAttribute('aria-describedby') || '').split(/\s+/)
    .map((id) => id && document.getElementById(id))
    .filter(Boolean)
    .map((element) => element.textContent.trim())
  window.accessibleAutocomplete.enhanceSelectElement({
    selectElement: select,
    defaultValue: '',
    // Not showAllValues: with it, leaving an emptied box would choose the first person listed.
    source: (query, populate) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean)
      populate(labels.filter((label) => words.every((word) => label.toLowerCase().includes(word))))
    },
    // The list is drawn as HTML: a name is text, never markup.
    templates: { suggestion: (label) => escapeHtml(label || '') },
    onConfirm: (label) => {
      const option = label === undefined ? null : optionFor(label)
      if (option) select.value = option.value
    },
    inputClasses: select.classList.contains('govuk-select--error') ? 'app-autocomplete__input--error' : null,
    tAssistiveHint: () => [...described, AUTOCOMPLETE_HINT].join(' '),
    tNoResults: () => 'No one found'
  })
  // Typing that no longer names the person chosen unchooses them: the form never sends someone
  // other than the one the box shows (for the chair, empty means an independent chair).
  wrapper.addEventListener('input', (event) => {
    if (!event.target.matches('input[role=combobox]')) return
    const option = optionFor(event.target.value)
    select.value = option ? option.value : ''
  })
}

const pickers = document.querySelectorAll('[data-autocomplete] select')
if (pickers.length) {
  // Loaded only on the pages that use it; it sets window.accessibleAutocomplete.
  import('./accessible-autocomplete.min.js').then(() => pickers.forEach(startAutocomplete))
}

// Adding people one after another: a form has a few rows, all shown without JavaScript and each
// ignored by the server when left empty. With it, the rows nobody has started wait behind an
// "Add another" button that shows the next one and moves to it.
function startAddAnother (container) {
  const rows = [...container.querySelectorAll('[data-add-another-item]')]
  const blank = (row) => [...row.querySelectorAll('input, select')].every((field) => !field.value.trim())
  const lastUsed = rows.reduce((last, row, index) => (blank(row) ? last : index), -1)
  rows.forEach((row, index) => { row.hidden = index > Math.max(lastUsed, 0) })
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'govuk-button govuk-button--secondary'
  button.textContent = container.dataset.addAnother
  const update = () => { button.hidden = !rows.some((row) => row.hidden) }
  button.addEventListener('click', () => {
    const next = rows.find((row) => row.hidden)
    next.hidden = false
    next.querySelector('input, select').focus()
    update()
  })
  container.append(button)
  update()
}

document.querySelectorAll('[data-add-another]').forEach(startAddAnother)

// GOV.UK's timeout warning. The page says how many seconds the session has left unless it is
// used (data-ends-in) and how long before that to warn (data-warn-before). At the warning the
// dialog opens as a modal, holding the keyboard's focus, and counts down; "Stay signed in" starts
// the session's clock again on the server and closes it. When the time runs out the page is
// loaded again, and the server, which ended the session, says why on the sign-in page. Escape
// does not dismiss it silently: it counts as staying signed in, as the pattern asks.
function startTimeoutWarning (dialog) {
  const warnBefore = Number(dialog.dataset.warnBefore) * 1000
  const countdown = dialog.querySelector('[data-timeout-countdown]')
  const announcement = dialog.querySelector('[data-timeout-announcement]')
  const form = dialog.querySelector('form')
  let endsAt = Date.now() + Number(dialog.dataset.endsIn) * 1000
  let warningTimer = null
  let tickTimer = null

  const words = (ms) => {
    const seconds = Math.max(0, Math.ceil(ms / 1000))
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60)
      return `${minutes} minute${minutes === 1 ? '' : 's'}`
    }
    return `${seconds} second${seconds === 1 ? '' : 's'}`
  }

  const tick = () => {
    const left = endsAt - Date.now()
    if (left <= 0) {
      clearInterval(tickTimer)
      window.location.reload()
      return
    }
    countdown.textContent = words(left)
    // Read out at the start, then each minute and every 15 seconds in the last minute.
    const seconds = Math.ceil(left / 1000)
    if (seconds % (seconds > 60 ? 60 : 15) === 0) {
      announcement.textContent = `For your security, we will sign you out in ${words(left)}.`
    }
  }

  const warn = () => {
    if (!dialog.open) dialog.showModal()
    announcement.textContent = `For your security, we will sign you out in ${words(endsAt - Date.now())}.`
    tick()
    tickTimer = setInterval(tick, 1000)
  }

  const schedule = (endsIn) => {
    endsAt = Date.now() + endsIn
    clearTimeout(warningTimer)
    clearInterval(tickTimer)
    warningTimer = setTimeout(warn, Math.max(0, endsIn - warnBefore))
  }

  const staySignedIn = async () => {
    const response = await fetch(form.action, {
      method: 'POST',
      body: new FormData(form),
      headers: { 'X-Requested-With': 'fetch' },
      credentials: 'same-origin'
    })
    if (response.status !== 204) {
      window.location.reload()
      return
    }
    if (dialog.open) dialog.close()
    schedule(Number(dialog.dataset.idleSeconds || dialog.dataset.endsIn) * 1000)
  }

  form.addEventListener('submit', (event) => {
    if (event.submitter && event.submitter.hasAttribute('data-timeout-stay')) {
      event.preventDefault()
      staySignedIn().catch(() => window.location.reload())
    }
  })
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault()
    staySignedIn().catch(() => window.location.reload())
  })
  schedule(Number(dialog.dataset.endsIn) * 1000)
}

document.querySelectorAll('dialog[data-timeout-warning]').forEach(startTimeoutWarning)
