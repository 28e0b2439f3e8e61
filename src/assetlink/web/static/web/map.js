// The area map: Leaflet draws areas coloured by deprivation decile, labelled once they are big enough to
// read, and the assets as points gathered into numbered clusters where they would overlap. Kinds are
// switched on and off by the checkboxes above the map; a point or a cluster opens a list with links to
// the records. The data comes from JSON blocks in the page (no inline script); tiles only when the
// deployment configures a tile server, otherwise the areas are drawn on a plain ground.
(function () {
  "use strict";
  // Ten steps from dark (most deprived) to light, distinguishable in greyscale too.
  var DECILE_COLOURS = ["#4a0d3a", "#6b1c4d", "#8c2f5c", "#ab4767", "#c6626f", "#da8277", "#e8a383",
    "#f1c29a", "#f7ddbc", "#fcf2e3"];
  var POINT_COLOURS = { organisation: "#0b4f6c", space: "#1d6b2f", opportunity: "#b35900" };
  var CELL = 48; // points closer than this many pixels share a cluster
  var LISTED = 25; // records listed in one cluster's popup
  var LABEL_WIDTH = 70; // an area is labelled once it is this many pixels wide

  function read(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  // Names typed by users go in as text nodes, never as HTML.
  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function format(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_all, name) { return String(values[name]); });
  }

  function popupFor(points, settings) {
    var box = element("div", undefined, "map-popup");
    var list = element("ul");
    points.slice(0, LISTED).forEach(function (point) {
      var item = element("li");
      item.appendChild(element("span", settings.labels[point.kind] + ": ", "map-popup__kind"));
      if (point.url) {
        var link = element("a", point.name);
        link.href = point.url;
        item.appendChild(link);
      } else {
        item.appendChild(element("span", point.name));
      }
      list.appendChild(item);
    });
    box.appendChild(list);
    if (points.length > LISTED) {
      box.appendChild(element("p", format(settings.labels.more, { count: points.length - LISTED })));
    }
    return box;
  }

  function start() {
    var container = document.getElementById("area-map");
    var layers = read("map-layers");
    var settings = read("map-settings");
    if (!container || !layers || typeof L === "undefined") { return; }
    // No fading: a popup is readable (and its contrast checkable) the moment it opens.
    var map = L.map(container, {
      scrollWheelZoom: false, keyboard: true, maxZoom: 18, fadeAnimation: false, zoomControl: false
    });
    // The zoom buttons' names in the reader's language, not Leaflet's English.
    L.control.zoom({ zoomInTitle: settings.labels.zoom_in, zoomOutTitle: settings.labels.zoom_out }).addTo(map);
    if (settings.tiles) {
      L.tileLayer(settings.tiles, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
    } else {
      container.classList.add("area-map--plain");
    }
    var bounds = L.latLngBounds([]);
    var areaLayer = L.layerGroup().addTo(map);
    var labels = [];
    layers.areas.forEach(function (area) {
      var colour = area.decile ? DECILE_COLOURS[area.decile - 1] : "#999999";
      var shape = null;
      if (area.geometry) {
        shape = L.geoJSON(area.geometry, { style: { color: "#333333", weight: 1, fillColor: colour, fillOpacity: 0.75 } });
      } else if (area.latitude !== null && area.longitude !== null) {
        shape = L.circleMarker([area.latitude, area.longitude], { radius: 10, color: "#333333", weight: 1, fillColor: colour, fillOpacity: 0.75 });
      }
      if (!shape) { return; }
      var text = area.name + " — " + settings.labels.decile + ": " + (area.decile || "—");
      shape.bindTooltip(element("span", text));
      shape.addTo(areaLayer);
      var extent = shape.getBounds ? shape.getBounds() : L.latLngBounds([shape.getLatLng()]);
      bounds.extend(extent);
      labels.push({
        extent: extent,
        label: L.tooltip({ permanent: true, direction: "center", className: "area-label", interactive: false })
          .setLatLng(extent.getCenter()).setContent(element("span", area.name))
      });
    });

    var shown = {};
    Object.keys(POINT_COLOURS).forEach(function (kind) {
      var box = document.getElementById("map-show-" + kind);
      shown[kind] = box ? box.checked : true;
      if (box) {
        box.addEventListener("change", function () { shown[kind] = box.checked; draw(); });
      }
    });
    var areasBox = document.getElementById("map-show-areas");
    if (areasBox) {
      areasBox.addEventListener("change", function () {
        if (areasBox.checked) { areaLayer.addTo(map); } else { map.removeLayer(areaLayer); }
        draw();
      });
    }
    layers.points.forEach(function (point) { bounds.extend([point.latitude, point.longitude]); });

    var clusterLayer = L.layerGroup().addTo(map);
    function drawLabels() {
      var showAreas = !areasBox || areasBox.checked;
      labels.forEach(function (entry) {
        var west = map.latLngToLayerPoint(entry.extent.getSouthWest());
        var east = map.latLngToLayerPoint(entry.extent.getNorthEast());
        var wide = Math.abs(east.x - west.x) >= LABEL_WIDTH;
        if (showAreas && wide) { entry.label.addTo(map); } else { map.removeLayer(entry.label); }
      });
    }

    function draw() {
      clusterLayer.clearLayers();
      var cells = {};
      layers.points.forEach(function (point) {
        if (!shown[point.kind]) { return; }
        var at = map.latLngToLayerPoint([point.latitude, point.longitude]);
        var key = Math.floor(at.x / CELL) + ":" + Math.floor(at.y / CELL);
        (cells[key] = cells[key] || []).push(point);
      });
      Object.keys(cells).forEach(function (key) {
        var points = cells[key];
        var lat = 0;
        var lng = 0;
        points.forEach(function (point) { lat += point.latitude; lng += point.longitude; });
        var centre = [lat / points.length, lng / points.length];
        if (points.length === 1) {
          var point = points[0];
          L.circleMarker(centre, {
            radius: 6, color: "#ffffff", weight: 1, fillColor: POINT_COLOURS[point.kind], fillOpacity: 1,
            className: "map-point map-point--" + point.kind
          })
            .bindTooltip(element("span", settings.labels[point.kind] + ": " + point.name))
            .bindPopup(popupFor(points, settings))
            .addTo(clusterLayer);
          return;
        }
        var kinds = {};
        points.forEach(function (item) { kinds[item.kind] = true; });
        var kindList = Object.keys(kinds);
        var badge = element("span", String(points.length), "map-cluster map-cluster--" + (kindList.length === 1 ? kindList[0] : "mixed"));
        var title = format(settings.labels.cluster, { count: points.length });
        var marker = L.marker(centre, {
          icon: L.divIcon({ html: badge, className: "map-cluster-icon", iconSize: [34, 34] }),
          title: title,
          alt: title,
          keyboard: true
        });
        var spread = L.latLngBounds(points.map(function (item) { return [item.latitude, item.longitude]; }));
        var together = spread.getNorthEast().equals(spread.getSouthWest(), 1e-6);
        if (together || map.getZoom() >= map.getMaxZoom()) {
          marker.bindPopup(popupFor(points, settings));
        } else {
          marker.on("click", function () { map.fitBounds(spread.pad(0.3)); });
          marker.on("keypress", function (event) {
            if (event.originalEvent.key === "Enter") { map.fitBounds(spread.pad(0.3)); }
          });
        }
        marker.addTo(clusterLayer);
      });
      drawLabels();
    }

    map.on("zoomend", draw);
    map.on("popupopen", function (event) {
      var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
      if (close) { close.setAttribute("aria-label", settings.labels.close); close.title = settings.labels.close; }
    });
    if (bounds.isValid()) { map.fitBounds(bounds, { padding: [10, 10] }); } else { map.setView([0, 0], 2); }
    draw();
  }

  document.addEventListener("DOMContentLoaded", start);
})();
