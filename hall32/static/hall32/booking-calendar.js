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
      var calendar = new FullCalendar.Calendar(el, {
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
      });
      calendar.render();
      calendars.push(calendar);
      if (category) category.addEventListener("change", function () { calendar.refetchEvents(); });
    });
  });
})();
