// Draws every chart of the page with vega-embed, evaluating Vega expressions with the CSP-safe
// interpreter (no eval). Without JavaScript the static SVG rendered on the server stays in place.
import { expressionInterpreter } from "vega-interpreter";

const options = {
  renderer: "canvas",
  actions: false,
  defaultStyle: false,
  // The tooltip's own <style> element would be refused by the CSP; assetlink.css styles it instead.
  tooltip: { disableDefaultStyle: true },
  ast: true,
  expr: expressionInterpreter,
};

for (const figure of document.querySelectorAll("[data-chart]")) {
  const source = document.getElementById(figure.dataset.chart);
  const canvas = figure.querySelector(".chart__live");
  if (!source || !canvas || typeof window.vegaEmbed !== "function") {
    continue;
  }
  const spec = JSON.parse(source.textContent);
  window
    .vegaEmbed(canvas, spec, options)
    .then(() => figure.classList.add("chart--live"))
    .catch(() => figure.classList.remove("chart--live"));
}
