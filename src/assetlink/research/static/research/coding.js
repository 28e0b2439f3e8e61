// Selecting a passage of the document fills the coding form with its words and where it starts, so the
// coder need not copy it; without this script the form takes the words typed or pasted.
const text = document.getElementById("document-text");
const form = document.getElementById("excerpt-form");

function offsetWithin(container, node, offset) {
  let position = 0;
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (walker.currentNode === node) {
      return position + offset;
    }
    position += walker.currentNode.textContent.length;
  }
  return null;
}

if (text && form) {
  const quote = form.querySelector("[name=quote]");
  const start = form.querySelector("[name=start]");
  const occurrence = form.querySelector("[name=occurrence]");
  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) {
      return;
    }
    const begins = offsetWithin(text, range.startContainer, range.startOffset);
    if (begins === null) {
      return;
    }
    // The words go in as the textarea's value: text, never markup.
    quote.value = range.toString();
    start.value = String(begins);
    occurrence.value = "1";
  });
  quote.addEventListener("input", () => {
    start.value = "";
  });
}
