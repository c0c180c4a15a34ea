/* wagtail-community-matching: map of the member directory (progressive enhancement).
 *
 * The list of members is the page's content; this script only adds a map above it
 * when Leaflet is loaded and the directory's GeoJSON has members with coordinates.
 * Without JavaScript, or if anything fails, the map container stays hidden.
 *
 * Everything works without dragging: zoom and pan buttons, Leaflet's keyboard
 * (arrow keys pan, + and - zoom, Tab reaches each marker, Enter opens its popup).
 * Members close together share one marker whose popup lists them all.
 */
(function () {
  "use strict";

  // Markers closer than this many pixels (on either axis) share one marker: every marker
  // is a 32px target apart from the others, as WCAG 2.2's target size asks (2.5.8).
  var GROUP_DISTANCE = 40;
  var MARKER_SIZE = 32;

  function memberItem(properties) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    item.appendChild(link);
    if (properties.city) {
      item.appendChild(document.createTextNode(" (" + properties.city + ")"));
    }
    return item;
  }

  function popupContent(group) {
    var list = document.createElement("ul");
    list.className = "cm-map-popup";
    group.forEach(function (feature) {
      list.appendChild(memberItem(feature.properties));
    });
    return list;
  }

  function markerIcon(group) {
    var names = group.map(function (feature) {
      return feature.properties.name;
    });
    var content = document.createElement("span");
    content.setAttribute("data-cm-members", String(group.length));
    var count = document.createElement("span");
    count.setAttribute("aria-hidden", "true");
    count.textContent = group.length > 1 ? String(group.length) : "";
    var name = document.createElement("span");
    name.className = "cm-visually-hidden";
    name.textContent = names.join(", ");
    content.appendChild(count);
    content.appendChild(name);
    return window.L.divIcon({
      className: "cm-map-marker" + (group.length > 1 ? " cm-map-marker--group" : ""),
      html: content,
      iconSize: [MARKER_SIZE, MARKER_SIZE],
      popupAnchor: [0, -MARKER_SIZE / 2],
    });
  }

  // Greedy grouping at the current zoom: a member joins the first group whose first
  // member is within GROUP_DISTANCE pixels on both axes, so group anchors stay apart.
  function groupFeatures(map, features) {
    var groups = [];
    features.forEach(function (feature) {
      var coordinates = feature.geometry.coordinates;
      var point = map.latLngToLayerPoint([coordinates[1], coordinates[0]]);
      var group = groups.find(function (candidate) {
        return (
          Math.abs(candidate.point.x - point.x) < GROUP_DISTANCE &&
          Math.abs(candidate.point.y - point.y) < GROUP_DISTANCE
        );
      });
      if (group) {
        group.features.push(feature);
      } else {
        groups.push({ point: point, latlng: [coordinates[1], coordinates[0]], features: [feature] });
      }
    });
    return groups;
  }

  function drawMarkers(map, layer, features) {
    layer.clearLayers();
    groupFeatures(map, features).forEach(function (group) {
      var marker = window.L.marker(group.latlng, {
        icon: markerIcon(group.features),
        title: group.features
          .map(function (feature) {
            return feature.properties.name;
          })
          .join(", "),
      });
      marker.bindPopup(popupContent(group.features));
      layer.addLayer(marker);
    });
  }

  // The pan buttons: moving the map needs no dragging (WCAG 2.5.7), only a click or a key.
  var PAN_DIRECTIONS = [
    ["north", "\u2191", [0, -1]],
    ["west", "\u2190", [-1, 0]],
    ["east", "\u2192", [1, 0]],
    ["south", "\u2193", [0, 1]],
  ];

  function addPanButtons(container, map) {
    var PanControl = window.L.Control.extend({
      options: { position: "topright" },
      onAdd: function () {
        var group = window.L.DomUtil.create("div", "leaflet-bar cm-map-pan");
        group.setAttribute("role", "group");
        group.setAttribute("aria-label", container.getAttribute("data-label-pan") || "");
        PAN_DIRECTIONS.forEach(function (direction) {
          var button = window.L.DomUtil.create("button", "", group);
          var label = container.getAttribute("data-label-" + direction[0]) || direction[0];
          button.type = "button";
          button.setAttribute("data-pan", direction[0]);
          button.setAttribute("aria-label", label);
          button.title = label;
          button.textContent = direction[1];
          window.L.DomEvent.disableClickPropagation(button);
          window.L.DomEvent.on(button, "click", function (event) {
            window.L.DomEvent.preventDefault(event);
            var size = map.getSize();
            map.panBy([direction[2][0] * size.x * 0.3, direction[2][1] * size.y * 0.3]);
          });
        });
        return group;
      },
    });
    new PanControl().addTo(map);
  }

  function cornerWidth(container, side) {
    var corner = container.querySelector(".leaflet-top.leaflet-" + side);
    return corner ? corner.offsetWidth : 0;
  }

  function showMap(container, data) {
    if (!data || !Array.isArray(data.features) || data.features.length === 0) {
      return;
    }
    var options = {};
    try {
      options = JSON.parse(container.getAttribute("data-tile-options") || "{}");
    } catch (error) {
      options = {};
    }
    var features = data.features.filter(function (feature) {
      return feature.geometry && feature.geometry.type === "Point";
    });
    if (features.length === 0) {
      return;
    }
    container.hidden = false;
    var map = window.L.map(container, { scrollWheelZoom: false, zoomControl: false });
    // Leaflet's zoom buttons, labelled in the page's language (data-label-zoom-in/-out).
    window.L.control
      .zoom({
        zoomInTitle: container.getAttribute("data-label-zoom-in") || "Zoom in",
        zoomOutTitle: container.getAttribute("data-label-zoom-out") || "Zoom out",
      })
      .addTo(map);
    window.L.tileLayer(container.getAttribute("data-tile-url"), options).addTo(map);
    var bounds = window.L.geoJSON({ type: "FeatureCollection", features: features }).getBounds();
    var layer = window.L.layerGroup().addTo(map);
    addPanButtons(container, map);
    // Every marker starts clear of the controls in the top corners.
    map.fitBounds(bounds, {
      maxZoom: 12,
      paddingTopLeft: [cornerWidth(container, "left") + MARKER_SIZE, MARKER_SIZE],
      paddingBottomRight: [cornerWidth(container, "right") + MARKER_SIZE, MARKER_SIZE],
    });
    drawMarkers(map, layer, features);
    map.on("zoomend", function () {
      drawMarkers(map, layer, features);
    });
  }

  function init() {
    var container = document.querySelector("[data-cm-member-map]");
    if (!container || !window.L || !window.fetch) {
      return;
    }
    window
      .fetch(container.getAttribute("data-geojson-url"), {
        headers: { Accept: "application/geo+json, application/json" },
        credentials: "same-origin",
      })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        showMap(container, data);
      })
      .catch(function () {
        container.hidden = true;
      });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
