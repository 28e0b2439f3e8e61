// The area map: Leaflet draws areas coloured by deprivation decile and the assets as points.
// It reads its data from JSON blocks in the page (no inline script), and works without tiles.
(function () {
  "use strict";
  // Ten steps from dark (most deprived) to light, distinguishable in greyscale too.
  var DECILE_COLOURS = ["#4a0d3a", "#6b1c4d", "#8c2f5c", "#ab4767", "#c6626f", "#da8277", "#e8a383",
    "#f1c29a", "#f7ddbc", "#fcf2e3"];
  var POINT_COLOURS = { organisation: "#0b4f6c", space: "#1d6b2f", opportunity: "#b35900" };

  // Leaflet treats a string tooltip or layer name as HTML: names typed by users go in as text nodes.
  function textOf(value) {
    var element = document.createElement("span");
    element.textContent = value;
    return element;
  }

  function read(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  function start() {
    var container = document.getElementById("area-map");
    var layers = read("map-layers");
    var settings = read("map-settings");
    if (!container || !layers || typeof L === "undefined") { return; }
    var map = L.map(container, { scrollWheelZoom: false, keyboard: true });
    if (settings.tiles) {
      L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
    }
    var bounds = L.latLngBounds([]);
    var areaLayer = L.layerGroup().addTo(map);
    layers.areas.forEach(function (area) {
      var colour = area.decile ? DECILE_COLOURS[area.decile - 1] : "#999999";
      var shape = null;
      if (area.geometry) {
        shape = L.geoJSON(area.geometry, { style: { color: "#333333", weight: 1, fillColor: colour, fillOpacity: 0.75 } });
      } else if (area.latitude !== null && area.longitude !== null) {
        shape = L.circleMarker([area.latitude, area.longitude], { radius: 10, color: "#333333", weight: 1, fillColor: colour, fillOpacity: 0.75 });
      }
      if (shape) {
        shape.bindTooltip(textOf(area.name + " — " + settings.labels.decile + ": " + (area.decile || "—")));
        shape.addTo(areaLayer);
        bounds.extend(shape.getBounds ? shape.getBounds() : shape.getLatLng());
      }
    });
    var pointLayers = {};
    layers.points.forEach(function (point) {
      if (!pointLayers[point.kind]) { pointLayers[point.kind] = L.layerGroup().addTo(map); }
      L.circleMarker([point.latitude, point.longitude], {
        radius: 5, color: "#ffffff", weight: 1, fillColor: POINT_COLOURS[point.kind], fillOpacity: 1
      }).bindTooltip(textOf(settings.labels[point.kind] + ": " + point.name)).addTo(pointLayers[point.kind]);
    });
    var overlays = {};
    overlays[settings.labels.areas] = areaLayer;
    Object.keys(pointLayers).forEach(function (kind) { overlays[settings.labels[kind]] = pointLayers[kind]; });
    // Layer names are the page's own translated labels, never text a user typed.
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); } else { map.setView([0, 0], 2); }
  }

  document.addEventListener("DOMContentLoaded", start);
})();
