from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def subpage_url(context, page, name, **kwargs):
    """The URL of one of a routable page's own routes (print view, forms, feeds, versions)."""
    return page.subpage_url(name, context.get("request"), **kwargs)
