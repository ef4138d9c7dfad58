// The open-day desk: once an arrival is ticked after a search, the search box takes the focus back
// with its text selected, so the next name can be typed at once.
document.body.addEventListener("htmx:afterSwap", (event) => {
  if (!event.detail.target.id.startsWith("visitor-")) return;
  const search = document.querySelector("input[type=search][name=q]");
  if (search && search.value) {
    search.focus();
    search.select();
  }
});
