// Passkeys: django-otp-webauthn's scripts (served beside this one from the site's static files)
// do the work; this module, loaded first, gives them Steadfast's words and, once a passkey has
// been added, goes on to the page that names it.
//
// The library asks for each message through `gettext`, Django's JavaScript translation hook. Its
// messages are mapped here to plain English that says what to do next; a message the server sent
// (a refusal, or the lockout after too many wrong guesses) is shown as it is.

const REFUSED = 'Your passkey could not be added. Try again, or use a different passkey.'
const NOT_USED = 'Your passkey was not used. Try again, or enter a code instead.'

const MESSAGES = {
  'Registering...': 'Waiting for your passkey',
  'Finishing registration...': 'Saving your passkey',
  'Registration successful!': 'Your passkey has been added',
  'Registration aborted.': 'You did not finish adding a passkey. Try again when you are ready.',
  'Registration aborted or not allowed.': 'You did not finish adding a passkey, or your browser did not allow it. Try again when you are ready.',
  'Registration failed. You most likely already have a Passkey registered for this site.': 'That device already has a passkey for Steadfast. Choose another device, or use the passkey you have.',
  'Registration failed. A technical problem occurred that prevents you from registering a Passkey for this site.': 'This browser cannot add a passkey for this site. Try another browser, or keep using the code from your authenticator app.',
  'Registration failed. Unable to fetch registration options from server.': REFUSED,
  'Registration failed. The server was unable to verify this passkey.': REFUSED,
  'Registration failed. A server error occurred.': REFUSED,
  'Registration failed. An unknown error occurred.': REFUSED,
  'An error occurred during registration.': REFUSED,
  'Verifying...': 'Waiting for your passkey',
  'Finishing verification...': 'Checking your passkey',
  'Verification successful!': 'Your passkey was accepted',
  'Verification aborted.': NOT_USED,
  'Verification canceled or not allowed.': NOT_USED,
  'Verification failed. Could not retrieve parameters from the server.': 'Your passkey cannot be used now. Reload the page, or enter a code instead.',
  'Verification failed. An unknown server error occurred.': NOT_USED,
  'Verification failed. An unknown error occurred.': NOT_USED,
  'An error occurred during verification.': NOT_USED
}

window.gettext = (message) => MESSAGES[message] || message

document.addEventListener('otp_webauthn.register_complete', (event) => {
  const next = event.detail && event.detail.response && event.detail.response.redirect_url
  if (next) window.location.assign(next)
})
