from django import template
from django.utils.safestring import SafeString

register = template.Library()


@register.simple_tag
def plan_select(form, booking_id: int, slot_id: int) -> SafeString | str:
    """The select of one (class, slot) cell of the plan edit form."""
    name = f"c{booking_id}_s{slot_id}"
    return form[name].as_widget() if name in form.fields else ""
