/* wagtail-community-matching: map of the member directory (progressive enhancement).
 *
 * The list of members is the page's content; this script only adds a map above it
 * when Leaflet is loaded and the directory's GeoJSON has members with coordinates.
 * Without JavaScript, or if anything fails, the map container stays hidden.
 */
(function () {
  "use strict";

  function popupContent(properties) {
    var wrapper = document.createElement("div");
    var link = document.createElement("a");
    link.href = properties.url;
    link.textContent = properties.name;
    wrapper.appendChild(link);
    if (properties.city) {
      var place = document.createElement("div");
      place.textContent = properties.city;
      wrapper.appendChild(place);
    }
    return wrapper;
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
    container.hidden = false;
    var map = window.L.map(container, { scrollWheelZoom: false });
    window.L.tileLayer(container.getAttribute("data-tile-url"), options).addTo(map);
    var layer = window.L.geoJSON(data, {
      pointToLayer: function (feature, latlng) {
        return window.L.marker(latlng, {
          alt: feature.properties.name,
          title: feature.properties.name,
        });
      },
      onEachFeature: function (feature, marker) {
        marker.bindPopup(popupContent(feature.properties));
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { maxZoom: 12, padding: [24, 24] });
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
