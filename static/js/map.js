// The maps: the ideas of a process (markers in clusters, each opening its idea) and, on the idea
// forms, a map on which a tap sets the spot. Progressive: without this script, without Leaflet or
// without tiles the page keeps its list of ideas and the two number fields.
(function () {
  "use strict";
  if (!window.L) { return; }

  function bounds(element) {
    var parts = (element.dataset.bounds || "").split(",").map(Number);
    if (parts.length !== 4 || parts.some(isNaN)) { return null; }
    return L.latLngBounds([parts[0], parts[1]], [parts[2], parts[3]]);
  }

  function baseMap(element) {
    var box = bounds(element);
    var map = L.map(element, {scrollWheelZoom: false, maxBounds: box ? box.pad(0.5) : null});
    map.attributionControl.setPrefix(false);
    if (element.dataset.tiles) {
      var layer = L.tileLayer(element.dataset.tiles, {maxZoom: 19});
      // The attribution is the operator's plain text: escaped, never read as HTML.
      var credit = document.createElement("span");
      credit.textContent = element.dataset.attribution || "";
      layer.options.attribution = credit.innerHTML;
      layer.addTo(map);
    }
    if (box) { map.fitBounds(box); } else { map.setView([50.85, 4.35], 8); }
    var container = map.getContainer();
    container.setAttribute("role", "region");
    container.setAttribute("aria-label", element.dataset.label || "");
    return map;
  }

  function popupFor(feature) {
    var box = document.createElement("div");
    var link = document.createElement("a");
    link.href = feature.properties.url;
    link.textContent = feature.properties.title;
    box.appendChild(link);
    if (feature.properties.place) {
      var place = document.createElement("div");
      place.textContent = feature.properties.place;
      box.appendChild(place);
    }
    return box;
  }

  function ideasMap(element) {
    var section = element.closest("[data-map-section]");
    if (section) { section.hidden = false; }
    var map = baseMap(element);
    var cluster = L.markerClusterGroup ? L.markerClusterGroup({showCoverageOnHover: false, maxClusterRadius: 50})
      : L.featureGroup();
    fetch(element.dataset.ideasMap, {headers: {Accept: "application/geo+json"}})
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (collection) {
        var points = collection.features.map(function (feature) {
          var point = feature.geometry.coordinates;
          var marker = L.marker([point[1], point[0]], {title: feature.properties.title, alt: feature.properties.title});
          marker.bindPopup(popupFor(feature));
          cluster.addLayer(marker);
          return marker.getLatLng();
        });
        // The map takes its final view first, so each marker is drawn once and stays under a tap.
        if (points.length) { map.fitBounds(L.latLngBounds(points), {maxZoom: 16, padding: [20, 20], animate: false}); }
        map.addLayer(cluster);
      })
      .catch(function () { if (section) { section.hidden = true; } });
  }

  function pickerMap(element) {
    var form = element.closest("form");
    var latitude = form && form.querySelector("input[name=latitude]");
    var longitude = form && form.querySelector("input[name=longitude]");
    if (!latitude || !longitude) { return; }
    element.hidden = false;
    var map = baseMap(element);
    var marker = null;
    function number(input) { return parseFloat((input.value || "").replace(",", ".")); }
    function place(latlng, pan) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng, {alt: element.dataset.label}).addTo(map); }
      if (pan) { map.setView(latlng, Math.max(map.getZoom(), 16)); }
    }
    if (!isNaN(number(latitude)) && !isNaN(number(longitude))) { place([number(latitude), number(longitude)], true); }
    map.on("click", function (event) {
      latitude.value = event.latlng.lat.toFixed(6);
      longitude.value = event.latlng.lng.toFixed(6);
      place(event.latlng, false);
    });
    [latitude, longitude].forEach(function (input) {
      input.addEventListener("change", function () {
        if (!isNaN(number(latitude)) && !isNaN(number(longitude))) { place([number(latitude), number(longitude)], true); }
      });
    });
  }

  document.querySelectorAll("[data-ideas-map]").forEach(ideasMap);
  document.querySelectorAll("[data-map-picker]").forEach(pickerMap);
}());
