// Steadfast front-end entry point, loaded as an ES module after the page is parsed.
// The page template marks <body> with `govuk-frontend-supported` (a nonce'd snippet),
// which GOV.UK Frontend 6 requires before its components will start.
import { initAll as initGovukFrontend } from './govuk-frontend.min.js'
import { initAll as initMojFrontend } from './moj-frontend.min.js'

initGovukFrontend()
initMojFrontend()
