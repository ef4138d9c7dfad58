/* Hall 32: a schedule's Gantt chart (frappe-gantt), read-only, to the minute. */
(function () {
  "use strict";
  var data = document.getElementById("gantt-tasks");
  var el = document.getElementById("gantt");
  if (!data || !el || !window.Gantt) return;
  var tasks = JSON.parse(data.textContent);
  tasks.forEach(function (t) { if (t.colour) t.color = t.colour; });
  var MS = { hour: 3600e3, day: 86400e3, month: 30 * 86400e3, year: 365 * 86400e3 };
  var fr = document.documentElement.lang !== "en";
  var gantt = new Gantt(el, tasks, {
    view_mode: "Quarter Day", language: fr ? "fr" : "en", readonly: true, infinite_padding: false,
    bar_height: 22, padding: 14, today_button: false, view_mode_select: false,
    popup: function (ctx) {
      var fmt = new Intl.DateTimeFormat(fr ? "fr-FR" : "en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
      ctx.set_title(ctx.task.name);
      ctx.set_subtitle(fmt.format(ctx.task._start) + " → " + fmt.format(ctx.task._end));
      ctx.set_details("");
    },
  });
  // frappe-gantt 1.x counts a bar's length in whole days; operations last minutes or hours, so
  // the bars are measured from their start and end instead (then the chart is drawn again).
  var proto = gantt.bars.length ? Object.getPrototypeOf(gantt.bars[0]) : null;
  if (proto) {
    proto.compute_duration = function () {
      var unit = this.gantt.config.unit;
      var perUnit = MS[unit] || MS.day;
      this.duration = (this.task._end - this.task._start) / (perUnit * this.gantt.config.step);
      this.task.actual_duration = this.duration;
      this.task.ignored_duration = 0;
      this.actual_duration_raw = this.duration;
      this.ignored_duration_raw = 0;
    };
    gantt.refresh(tasks);
  }
  document.querySelectorAll("[data-gantt-mode]").forEach(function (button) {
    button.addEventListener("click", function () {
      document.querySelectorAll("[data-gantt-mode]").forEach(function (b) { b.classList.remove("active"); });
      button.classList.add("active");
      gantt.change_view_mode(button.dataset.ganttMode);
    });
  });
})();
