"""Lists that search, filter, sort and paginate, the same for a page and its HTMX fragment.

A view builds a Listing from request.GET, a queryset, an optional django-filter FilterSet (the same
one the API uses) and the sort keys it allows; templates render `web/_list_toolbar.html`,
`sort_th` headers and `web/_pagination.html`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, QueryDict
from django.utils.translation import gettext_lazy as _


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet with a free-text `q` over `search_fields`, and Bootstrap widgets."""

    search_fields: tuple[str, ...] = ()
    q = django_filters.CharFilter(method="filter_search", label=_("Rechercher"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.form.fields.items():
            widget = field.widget
            if isinstance(widget, forms.Select | forms.SelectMultiple):
                widget.attrs.setdefault("class", "form-select form-select-sm")
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            else:
                widget.attrs.setdefault("class", "form-control form-control-sm")
            if name == "q":
                widget.input_type = "search"
                widget.attrs.setdefault("placeholder", _("Rechercher…"))

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for term in value.split():
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": term})
            queryset = queryset.filter(condition)
        return queryset


class Listing:
    def __init__(
        self,
        request: HttpRequest,
        queryset: QuerySet,
        *,
        filterset_class: type[django_filters.FilterSet] | None = None,
        sorts: Mapping[str, str | tuple[str, ...]],
        default_sort: str,
        per_page: int = 25,
        target_id: str = "list-results",
        defaults: Mapping[str, str] | None = None,
    ) -> None:
        self.request = request
        self.params: QueryDict = request.GET
        if defaults:  # filters applied when the URL does not say otherwise (e.g. this year's intake)
            self.params = request.GET.copy()
            for key, value in defaults.items():
                self.params.setdefault(key, value)
        self.target_id = target_id
        self.filterset = (
            filterset_class(self.params or None, queryset=queryset, request=request)
            if filterset_class
            else None
        )
        filtered = self.filterset.qs if self.filterset is not None else queryset
        self.sorts = dict(sorts)
        requested = self.params.get("sort", default_sort)
        self.sort = requested if requested.lstrip("-") in self.sorts else default_sort
        self.page: Page = Paginator(self._ordered(filtered), per_page).get_page(self.params.get("page"))
        self.is_filtered = any(v for k, v in self.params.items() if k not in {"sort", "page"})

    def _ordered(self, queryset: QuerySet) -> QuerySet:
        key = self.sort.lstrip("-")
        descending = self.sort.startswith("-")
        fields = self.sorts[key]
        fields = (fields,) if isinstance(fields, str) else fields
        ordering = [f"-{f}" if descending else f for f in fields]
        return queryset.order_by(*ordering, "-pk" if descending else "pk")

    @property
    def form(self) -> forms.Form | None:
        return self.filterset.form if self.filterset is not None else None

    @property
    def total(self) -> int:
        return self.page.paginator.count

    def url_with(self, **changes: Any) -> str:
        params = self.params.copy()
        for key, value in changes.items():
            if value is None:
                params.pop(key, None)
            else:
                params[key] = value
        encoded = params.urlencode()
        return f"?{encoded}" if encoded else "?"

    def page_url(self, number: int) -> str:
        return self.url_with(page=number)
