// Steadfast front-end build: `npm run build` (run from frontend/).
//
// Wipes and recreates ONLY the generated folders in ../static/:
//   stylesheets/  application.css (compressed Sass output)
//   javascripts/  govuk-frontend.min.js, moj-frontend.min.js (ES modules copied
//                 from the packages' dist), accessible-autocomplete.min.js (GOV.UK's
//                 autocomplete; a script that sets window.accessibleAutocomplete, which
//                 application.js imports on the pages that need it), application.js
//                 (copied from js/)
//   assets/       manifest.json + images/ (GOV.UK Frontend's images, plus the
//                 MOJ Frontend icons its CSS references; no MOJ logos/crown)
// Fonts are deliberately not copied: the font stack is Arial/Helvetica.
// Output is committed, so the Django app never needs Node at runtime.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as sass from 'sass'

const here = dirname(fileURLToPath(import.meta.url))
const staticDir = join(here, '..', 'static')
const govuk = join(here, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
const moj = join(here, 'node_modules', '@ministryofjustice', 'frontend', 'moj')
const autocomplete = join(here, 'node_modules', 'accessible-autocomplete', 'dist')

const out = {
  stylesheets: join(staticDir, 'stylesheets'),
  javascripts: join(staticDir, 'javascripts'),
  assets: join(staticDir, 'assets')
}

for (const dir of Object.values(out)) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
}

// CSS
const { css } = sass.compile(join(here, 'scss', 'application.scss'), {
  style: 'compressed',
  loadPaths: [here],
  quietDeps: true,
  sourceMap: false
})
if (/gds[ -]transport/i.test(css)) {
  throw new Error('Built CSS mentions GDS Transport; check $moj-font-family / $govuk-font-family')
}
writeFileSync(join(out.stylesheets, 'application.css'), css + '\n')

// JavaScript (no source maps: their sourceMappingURL comments are stripped)
const stripMap = (src) => src.replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n')
const copyJs = (from, name) => {
  const src = stripMap(readFileSync(from, 'utf8'))
  writeFileSync(join(out.javascripts, name), src)
}
copyJs(join(govuk, 'govuk-frontend.min.js'), 'govuk-frontend.min.js')
copyJs(join(moj, 'moj-frontend.min.js'), 'moj-frontend.min.js')
copyJs(join(autocomplete, 'accessible-autocomplete.min.js'), 'accessible-autocomplete.min.js')
cpSync(join(here, 'js', 'application.js'), join(out.javascripts, 'application.js'))

// Assets: manifest + images (no fonts)
cpSync(join(govuk, 'assets', 'manifest.json'), join(out.assets, 'manifest.json'))
const images = join(out.assets, 'images')
mkdirSync(images)
// govuk-crest.svg is kept although unused: the CSS references it (footer
// copyright logo), and Django's manifest storage fails on missing url() targets.
for (const name of readdirSync(join(govuk, 'assets', 'images')).sort()) {
  cpSync(join(govuk, 'assets', 'images', name), join(images, name))
}
for (const name of readdirSync(join(moj, 'assets', 'images')).sort()) {
  if (!name.startsWith('icon-')) continue // skip MOJ/GOV.UK logos, crown and crest
  cpSync(join(moj, 'assets', 'images', name), join(images, name))
}

console.log(`Built ${staticDir}: stylesheets/, javascripts/, assets/`)
