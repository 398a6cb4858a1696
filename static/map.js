// The value network map, enhanced: a party's flows light up while it is pointed at or
// focused, the tangible/intangible boxes hide flows at once (the Show button redraws the map
// exactly), and on the facilitator's page parties move by dragging or with the arrow keys
// (Shift for bigger steps) until the positions are saved. Without script the page still
// shows the drawing, the table and every form.
(function () {
  "use strict";
  var wrap = document.querySelector(".vn-map-wrap[data-map]");
  var svg = wrap && wrap.querySelector("svg.vn-map");
  if (!svg) return;
  var nodes = Array.prototype.slice.call(svg.querySelectorAll(".vn-node"));
  var flows = Array.prototype.slice.call(svg.querySelectorAll(".vn-flow"));
  var dragging = null;

  function highlight(key) {
    svg.classList.toggle("vn-focus", !!key);
    flows.forEach(function (flow) {
      var on = !!key && (flow.getAttribute("data-from") === key || flow.getAttribute("data-to") === key);
      flow.classList.toggle("vn-hl", on);
    });
    nodes.forEach(function (node) {
      node.classList.toggle("vn-hl", !!key && node.getAttribute("data-node") === key);
    });
  }

  nodes.forEach(function (node) {
    var key = node.getAttribute("data-node");
    node.addEventListener("pointerenter", function () { if (!dragging) highlight(key); });
    node.addEventListener("pointerleave", function () { if (!dragging) highlight(null); });
    node.addEventListener("focus", function () { highlight(key); });
    node.addEventListener("blur", function () { highlight(null); });
  });

  var filter = document.getElementById("map-filter");
  if (filter) {
    filter.addEventListener("change", function () {
      var tangible = filter.querySelector("input[name=tangible]").checked;
      var intangible = filter.querySelector("input[name=intangible]").checked;
      flows.forEach(function (flow) {
        var values = Number(flow.getAttribute("data-values"));
        var tangibles = Number(flow.getAttribute("data-tangible"));
        var shown = (tangible && tangibles > 0) || (intangible && values - tangibles > 0);
        flow.classList.toggle("vn-off", !shown);
      });
    });
  }

  var form = document.getElementById("map-positions");
  if (!form || !wrap.hasAttribute("data-movable")) return;
  var centres = {};
  var offsets = {};
  nodes.forEach(function (node) {
    var rect = node.querySelector("rect");
    var key = node.getAttribute("data-node");
    centres[key] = {
      x: Number(rect.getAttribute("x")) + Number(rect.getAttribute("width")) / 2,
      y: Number(rect.getAttribute("y")) + Number(rect.getAttribute("height")) / 2
    };
    offsets[key] = { dx: 0, dy: 0 };
    node.setAttribute("aria-describedby", "map-move-help");
  });

  function centre(key) {
    return { x: centres[key].x + offsets[key].dx, y: centres[key].y + offsets[key].dy };
  }

  function round(value) {
    return Math.round(value * 10) / 10;
  }

  // Until saved, a moved party's arrows run straight between centres; the server routes them
  // around the other labels when the page comes back.
  function redraw(key) {
    flows.forEach(function (flow) {
      var from = flow.getAttribute("data-from");
      var to = flow.getAttribute("data-to");
      if (from !== key && to !== key) return;
      var a = centre(from);
      var b = centre(to);
      var d = "M" + round(a.x) + "," + round(a.y) + " L" + round(b.x) + "," + round(b.y);
      Array.prototype.forEach.call(flow.querySelectorAll("path"), function (path) {
        path.setAttribute("d", d);
      });
      flow.classList.add("vn-moved");
    });
  }

  function fillForm() {
    Array.prototype.forEach.call(form.querySelectorAll("input[data-place]"), function (input) {
      input.remove();
    });
    nodes.forEach(function (node) {
      var key = node.getAttribute("data-node");
      var place = centre(key);
      [["node", key], ["x", round(place.x)], ["y", round(place.y)]].forEach(function (pair) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = pair[0];
        input.value = String(pair[1]);
        input.setAttribute("data-place", "");
        form.appendChild(input);
      });
    });
    form.hidden = false;
  }

  function move(node, dx, dy) {
    var key = node.getAttribute("data-node");
    offsets[key].dx += dx;
    offsets[key].dy += dy;
    node.setAttribute("transform", "translate(" + round(offsets[key].dx) + " " + round(offsets[key].dy) + ")");
    redraw(key);
    fillForm();
  }

  function toSvg(event) {
    var matrix = svg.getScreenCTM();
    if (!matrix) return null;
    var p = svg.createSVGPoint();
    p.x = event.clientX;
    p.y = event.clientY;
    return p.matrixTransform(matrix.inverse());
  }

  var steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
  nodes.forEach(function (node) {
    node.addEventListener("pointerdown", function (event) {
      var at = toSvg(event);
      if (!at) return;
      dragging = { node: node, last: at };
      node.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    node.addEventListener("pointermove", function (event) {
      if (!dragging || dragging.node !== node) return;
      var at = toSvg(event);
      if (!at) return;
      move(node, at.x - dragging.last.x, at.y - dragging.last.y);
      dragging.last = at;
    });
    function stop() {
      dragging = null;
    }
    node.addEventListener("pointerup", stop);
    node.addEventListener("pointercancel", stop);
    node.addEventListener("keydown", function (event) {
      var step = steps[event.key];
      if (!step) return;
      event.preventDefault();
      var size = event.shiftKey ? 50 : 10;
      move(node, step[0] * size, step[1] * size);
    });
  });
  // Keep the form shown if the page already has unsaved moves (after going back).
  form.addEventListener("submit", fillForm);
})();
