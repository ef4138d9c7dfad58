/* Hall 32: machine calendars (FullCalendar) that book through a dialog (HTMX). */
(function () {
  "use strict";
  var modalEl = document.getElementById("booking-modal");
  function modal() { return bootstrap.Modal.getOrCreateInstance(modalEl); }
  function openBooking(url) {
    htmx.ajax("GET", url, { target: "#booking-modal-content", swap: "innerHTML" }).then(function () {
      modal().show();
    });
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-booking-url]");
    if (button) openBooking(button.dataset.bookingUrl);
  });
  if (modalEl) {
    // The dialog opens on its "loading" state each time, never on the previous booking's form.
    var content = document.getElementById("booking-modal-content");
    var loading = content.innerHTML;
    modalEl.addEventListener("shown.bs.modal", function () {
      var first = modalEl.querySelector(".is-invalid, input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
    modalEl.addEventListener("hidden.bs.modal", function () { content.innerHTML = loading; });
  }
  // --- All machines: one row per machine ---------------------------------------------------------
  // FullCalendar's standard edition has no resource view, so the all-machines calendar adds its own
  // views: a table of machines (rows, grouped by family) by days (columns), each cell a track from
  // midnight to midnight on which the bookings sit where they fall. Dates here are FullCalendar's
  // "markers": Paris wall-clock times held in UTC fields (the calendar runs in Europe/Paris).
  var DAY = 864e5;
  var COLOURS = { mine: "#0d6efd", usage: "#1f6f43", maintenance: "#a11d2b", scheduled: "#37474f" };
  function esc(text) {
    return String(text).replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }
  function two(n) { return (n < 10 ? "0" : "") + n; }
  function hm(marker) { return two(marker.getUTCHours()) + ":" + two(marker.getUTCMinutes()); }
  function isoDay(marker) { return marker.toISOString().slice(0, 10); }
  function pct(ms) { return (100 * ms / DAY).toFixed(3) + "%"; }
  // Coloured by what they are (the legend under the calendar), the rows telling the machine.
  function colourOf(p) {
    return p.kind === "maintenance" ? COLOURS.maintenance : p.kind === "scheduled" ? COLOURS.scheduled : p.mine ? COLOURS.mine : COLOURS.usage;
  }

  function machineViews(el, canBook, category) {
    var labels = el.dataset;
    var machines = JSON.parse(document.getElementById(labels.machines).textContent);
    var locale = document.documentElement.lang === "en" ? "en-GB" : "fr-FR";
    var dayName = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", timeZone: "UTC" });
    var moment = new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
    function slot(def, whole, a, b, day) {
      var p = def.extendedProps;
      var colour = colourOf(p);
      // The feed names the machine first ("US-5X · …"): the row says it already.
      var text = def.title.indexOf(p.equipment + " · ") === 0 ? def.title.slice(p.equipment.length + 3) : def.title;
      var s = whole.start, e = whole.end;
      var when = isoDay(s) === isoDay(new Date(e.getTime() - 1)) ? hm(s) + "–" + hm(e) : moment.format(s) + " – " + moment.format(e);
      var tag = def.url ? "a" : "span";
      return "<" + tag + (def.url ? ' href="' + esc(def.url) + '"' : "") + ' class="mb-slot" data-kind="' + esc(p.kind) + '"' +
        ' style="left:' + pct(a - day) + ";width:" + pct(b - a) + ";--c:" + colour + '" title="' + esc(when + " · " + text) + '">' +
        '<span class="mb-slot-label">' + esc(hm(new Date(a)) + " " + text) + "</span></" + tag + ">";
    }
    function render(props) {
      var range = props.dateProfile.currentRange, first = range.start.getTime();
      var days = [];
      for (var t = first; t < range.end.getTime(); t += DAY) days.push(t);
      var wanted = category && category.value;
      var rows = machines.filter(function (m) { return !wanted || m.category === wanted; });
      if (!rows.length) return '<p class="empty-state mb-0">' + esc(labels.labelNone) + "</p>";
      var cells = {};
      FullCalendar.sliceEvents(props, false).forEach(function (seg) {
        var s = seg.range.start.getTime(), e = seg.range.end.getTime();
        for (var i = Math.max(0, Math.floor((s - first) / DAY)); i < days.length && days[i] < e; i++) {
          var a = Math.max(s, days[i]), b = Math.min(e, days[i] + DAY);
          if (b <= a) continue;
          var key = seg.def.extendedProps.equipment + "|" + i;
          (cells[key] = cells[key] || []).push(slot(seg.def, seg.instance.range, a, b, days[i]));
        }
      });
      var today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
      var dayClass = days.map(function (d) {
        var day = new Date(d);
        return (isoDay(day) === today ? " today" : "") + (day.getUTCDay() % 6 === 0 ? " weekend" : "");
      });
      var html = '<div class="mb-scroll"><table class="mb-table"><thead><tr><th scope="col" class="mb-machine">' + esc(labels.labelMachine) + "</th>";
      days.forEach(function (d, i) { html += '<th scope="col" class="mb-day' + dayClass[i] + '" data-date="' + isoDay(new Date(d)) + '">' + esc(dayName.format(new Date(d))) + "</th>"; });
      html += '</tr><tr class="mb-hours" aria-hidden="true"><td class="mb-machine"></td>';
      days.forEach(function () { html += '<td><span style="left:25%">6</span><span style="left:50%">12</span><span style="left:75%">18</span></td>'; });
      html += "</tr></thead><tbody>";
      var family = null;
      rows.forEach(function (m) {
        if (m.family !== family) {
          family = m.family;
          html += '<tr class="mb-family"><th scope="rowgroup" colspan="' + (days.length + 1) + '">' + esc(family) + "</th></tr>";
        }
        html += '<tr data-machine="' + esc(m.code) + '"><th scope="row" class="mb-machine"><div class="mb-name"><a href="' + esc(m.url) + '" title="' + esc(m.name) + '">' + esc(m.name) + "</a>" +
          (canBook ? '<button type="button" class="btn btn-link btn-sm p-0" data-booking-url="' + esc(el.dataset.newUrl + "?equipment=" + m.id) + '" aria-label="' + esc(labels.labelBook + " – " + m.name) + '" title="' + esc(labels.labelBook) + '"><i class="bi bi-calendar-plus" aria-hidden="true"></i></button>' : "") + "</div></th>";
        days.forEach(function (d, i) {
          html += '<td class="mb-cell' + dayClass[i] + '"><div class="mb-track" data-machine-id="' + m.id + '" data-day="' + d + '">' + (cells[m.code + "|" + i] || []).join("") + "</div></td>";
        });
        html += "</tr>";
      });
      return html + "</tbody></table></div>";
    }
    // A click on a free moment of a row books that machine from there (on the half hour).
    el.addEventListener("click", function (event) {
      var track = event.target.closest(".mb-track");
      if (!canBook || !track || event.target.closest(".mb-slot")) return;
      var box = track.getBoundingClientRect();
      var minutes = Math.floor(((event.clientX - box.left) / box.width) * 48) * 30;
      var start = new Date(Number(track.dataset.day) + minutes * 6e4);
      openBooking(el.dataset.newUrl + "?equipment=" + track.dataset.machineId + "&start=" + encodeURIComponent(start.toISOString().slice(0, 16)));
    });
    function view(duration, label) {
      return { duration: duration, buttonText: label, classNames: ["machine-board"], content: function (props) { return { html: render(props) }; } };
    }
    return { machineWeek: view({ weeks: 1 }, labels.labelWeek), machineDay: view({ days: 1 }, labels.labelDay), listWeek: { buttonText: labels.labelList }, listDay: { buttonText: labels.labelList } };
  }

  var calendars = [];
  document.body.addEventListener("bookingSaved", function () {
    calendars.forEach(function (c) { c.refetchEvents(); });
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("#booking-calendar").forEach(function (el) {
      var phone = window.matchMedia("(max-width: 767px)").matches;
      var unattended = el.dataset.unattended === "true";
      var canBook = el.dataset.canBook === "true";
      var category = document.getElementById("calendar-category");
      var allMachines = !!el.dataset.machines;
      var options = {
        locale: document.documentElement.lang === "en" ? "en-gb" : "fr", timeZone: "Europe/Paris",
        initialView: phone ? "timeGridDay" : "timeGridWeek",
        firstDay: 1, nowIndicator: true, allDaySlot: false, height: unattended ? 720 : "auto", expandRows: true,
        slotMinTime: unattended ? "00:00:00" : "07:00:00", slotMaxTime: unattended ? "24:00:00" : "19:30:00",
        scrollTime: "07:30:00", slotDuration: "00:30:00", snapDuration: "00:15:00",
        businessHours: { daysOfWeek: [1, 2, 3, 4, 5], startTime: "07:30", endTime: "19:00" },
        selectable: canBook, selectMirror: true, selectOverlap: false, unselectAuto: true,
        headerToolbar: { left: "prev,next today", center: "title", right: phone ? "timeGridDay,listWeek" : "timeGridWeek,timeGridDay,listWeek" },
        events: {
          url: el.dataset.feed,
          extraParams: function () { return category && category.value ? { category: category.value } : {}; },
        },
        select: function (info) {
          calendar.unselect();
          var url = el.dataset.newUrl + "?start=" + encodeURIComponent(info.startStr) + "&end=" + encodeURIComponent(info.endStr);
          if (el.dataset.equipment) url += "&equipment=" + el.dataset.equipment;
          openBooking(url);
        },
        eventDidMount: function (info) { info.el.title = info.event.title; },
      };
      if (allMachines) {
        // Every machine at once: rows per machine over the week, or over the day on a phone.
        options.views = machineViews(el, canBook, category);
        options.initialView = phone ? "machineDay" : "machineWeek";
        options.headerToolbar.right = phone ? "machineDay,listDay" : "machineWeek,machineDay,listWeek";
        options.height = "auto";
        options.eventDataTransform = function (event) { event.color = colourOf(event.extendedProps); return event; };
      }
      var calendar = new FullCalendar.Calendar(el, options);
      calendar.render();
      calendars.push(calendar);
      if (category) category.addEventListener("change", function () { calendar.refetchEvents(); });
    });
  });
})();
