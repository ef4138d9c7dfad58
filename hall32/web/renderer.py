"""Render every Django form with Bootstrap 5 markup: errors next to their field."""

from django.forms.renderers import TemplatesSetting


class BootstrapFormRenderer(TemplatesSetting):
    form_template_name = "web/forms/form.html"
    field_template_name = "web/forms/field.html"
