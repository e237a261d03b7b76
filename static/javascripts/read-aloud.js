// "Read it to me" on the child's own page: the browser reads the page's words aloud with its
// own voice (speechSynthesis), nothing leaves the device. Without the script, or in a browser
// that cannot speak, the button stays hidden and the page works as it is.

const button = document.querySelector("[data-read-aloud]");

function wordsOnThePage() {
  return Array.from(document.querySelectorAll("[data-read-aloud-text]"))
    .map((part) => {
      const copy = part.cloneNode(true);
      // Typed answers and pictures described only for the eye are not read out.
      copy.querySelectorAll("textarea, input, [aria-hidden='true']").forEach((el) => el.remove());
      return copy.textContent.replace(/\s+/g, " ").trim();
    })
    .filter(Boolean)
    .join(". ");
}

if (button && "speechSynthesis" in window) {
  const readText = button.textContent;
  const stopText = button.dataset.stopText;
  const reset = () => {
    button.textContent = readText;
  };
  button.hidden = false;
  button.addEventListener("click", () => {
    if (window.speechSynthesis.speaking) {
      window.speechSynthesis.cancel();
      reset();
      return;
    }
    const utterance = new SpeechSynthesisUtterance(wordsOnThePage());
    utterance.lang = "en-GB";
    utterance.rate = 0.9;
    utterance.addEventListener("end", reset);
    button.textContent = stopText;
    window.speechSynthesis.speak(utterance);
  });
}
