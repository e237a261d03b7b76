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
