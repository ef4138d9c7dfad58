/* Hall 32: a schedule's Gantt chart (frappe-gantt), read-only, to the minute.
 *
 * The chart spans the schedule and nothing more: it opens on the first operation's day, takes the
 * finest scale whose columns fit the width it has (at 1280 px a demo schedule of three days shows
 * whole), and scrolls sideways inside its frame when none fits (a phone), the row labels (rendered
 * by the page, one per operation) staying at the left. */
(function () {
  "use strict";
  var data = document.getElementById("gantt-tasks");
  var el = document.getElementById("gantt");
  var frame = document.getElementById("gantt-frame");
  if (!data || !el || !frame || !window.Gantt) return;
  var tasks = JSON.parse(data.textContent);
  if (!tasks.length) return;
  tasks.forEach(function (t) { if (t.colour) t.color = t.colour; });
  var HOUR = 3600e3;
  var BAR_HEIGHT = 22, PADDING = 14;
  // The scales offered, finest first; `min` is the narrowest readable column (about 5 px an hour
  // or more, so that a 30-minute operation still shows).
  var SCALES = [
    { name: "Hour", hours: 1, min: 24, base: Gantt.VIEW_MODE.HOUR },
    { name: "Quarter Day", hours: 6, min: 36, base: Gantt.VIEW_MODE.QUARTER_DAY },
    { name: "Half Day", hours: 12, min: 60, base: Gantt.VIEW_MODE.HALF_DAY },
    { name: "Day", hours: 24, min: 120, base: Gantt.VIEW_MODE.DAY },
  ];
  var FALLBACK = "Quarter Day"; // when no scale fits: bars still readable, the frame scrolls

  // "2026-12-07 08:00" (Paris wall-clock, from the page) as a local date, as frappe-gantt reads it.
  function parse(text) {
    var p = text.split(/[- :]/).map(Number);
    return new Date(p[0], p[1] - 1, p[2], p[3] || 0, p[4] || 0);
  }
  function add(date, hours) {
    var d = new Date(date);
    if (hours % 24 === 0) d.setDate(d.getDate() + hours / 24);
    else d.setHours(d.getHours() + hours);
    return d;
  }
  function floorTo(date, hours) {
    var d = new Date(date.getFullYear(), date.getMonth(), date.getDate());
    if (hours < 24) d.setHours(date.getHours() - (date.getHours() % hours));
    return d;
  }
  function ceilTo(date, hours) {
    var d = floorTo(date, hours);
    return d < date ? add(d, hours) : d;
  }
  var first = null, last = null;
  tasks.forEach(function (t) {
    var start = parse(t.start), end = parse(t.end);
    if (!first || start < first) first = start;
    if (!last || end > last) last = end;
  });
  function hoursOf(config) { return config.unit === "day" ? config.step * 24 : config.step; }
  // frappe-gantt draws one column per step from the first date to the last, both included.
  function columns(scale) {
    return Math.round((ceilTo(last, scale.hours) - floorTo(first, scale.hours)) / (scale.hours * HOUR)) + 1;
  }
  function fit(width) {
    var chosen = null;
    SCALES.forEach(function (scale) {
      var n = columns(scale);
      scale.fits = n * scale.min <= width;
      scale.width = scale.fits ? Math.floor(width / n) : scale.min;
      if (scale.fits && !chosen) chosen = scale.name;
    });
    return chosen || FALLBACK;
  }

  // The chart starts at the first operation's step (not at frappe-gantt's padding of a week before,
  // nor at today) and ends at the last one's, so that every bar lies inside the columns drawn.
  Gantt.prototype.setup_gantt_dates = function () {
    var hours = hoursOf(this.config);
    this.gantt_start = floorTo(first, hours);
    this.gantt_end = ceilTo(last, hours);
    this.config.date_format = this.config.view_mode.date_format || this.options.date_format;
  };
  Gantt.prototype.set_scroll_position = function () { this.$container.scrollLeft = 0; };
  // frappe-gantt stretches an end at midnight to the next midnight (a "whole last day"); an
  // operation that ends at 00:00 ends there.
  var setupTasks = Gantt.prototype.setup_tasks;
  Gantt.prototype.setup_tasks = function (list) {
    setupTasks.call(this, list);
    this.tasks.forEach(function (t) { t._end = parse(t.end); });
  };

  var mode = fit(el.clientWidth);
  var chosenByHand = false;
  var fr = document.documentElement.lang !== "en";
  var gantt = new Gantt(el, tasks, {
    view_modes: SCALES.map(function (s) { return Object.assign({}, s.base, { column_width: s.width }); }),
    language: fr ? "fr" : "en", readonly: true, infinite_padding: false, holidays: {},
    bar_height: BAR_HEIGHT, padding: PADDING, today_button: false, view_mode_select: false,
    popup: function (ctx) {
      var fmt = new Intl.DateTimeFormat(fr ? "fr-FR" : "en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
      ctx.set_title(ctx.task.job + " · " + ctx.task.sequence + " · " + ctx.task.machine);
      ctx.set_subtitle(fmt.format(ctx.task._start) + " → " + fmt.format(ctx.task._end));
      ctx.set_details("");
    },
  });
  // frappe-gantt 1.x counts a bar's length in whole days; operations last minutes or hours, so
  // the bars are measured from their start and end instead.
  var proto = gantt.bars.length ? Object.getPrototypeOf(gantt.bars[0]) : null;
  if (proto) {
    proto.compute_duration = function () {
      this.duration = (this.task._end - this.task._start) / (hoursOf(this.gantt.config) * HOUR);
      this.task.actual_duration = this.duration;
      this.task.ignored_duration = 0;
      this.actual_duration_raw = this.duration;
      this.ignored_duration_raw = 0;
    };
  }
  var buttons = document.querySelectorAll("[data-gantt-mode]");
  function show(name) {
    gantt.options.view_modes.forEach(function (m) {
      m.column_width = SCALES.filter(function (s) { return s.name === m.name; })[0].width;
    });
    gantt.change_view_mode(name);
    // The frame holds the chart's height plus its horizontal scroll bar, when there is one.
    var container = el.querySelector(".gantt-container");
    container.style.height = gantt.grid_height + (container.offsetHeight - container.clientHeight) + "px";
    frame.style.setProperty("--gantt-header", gantt.config.header_height + "px");
    frame.style.setProperty("--gantt-row", BAR_HEIGHT + PADDING + "px");
    frame.dataset.mode = name;
    buttons.forEach(function (b) {
      b.classList.toggle("active", b.dataset.ganttMode === name);
      b.setAttribute("aria-pressed", b.dataset.ganttMode === name ? "true" : "false");
    });
  }
  show(mode);
  buttons.forEach(function (button) {
    button.addEventListener("click", function () {
      chosenByHand = true;
      fit(el.clientWidth);
      show(button.dataset.ganttMode);
    });
  });
  var width = el.clientWidth, pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      if (el.clientWidth === width) return;
      width = el.clientWidth;
      var best = fit(width);
      show(chosenByHand ? frame.dataset.mode : best);
    }, 150);
  });
})();
