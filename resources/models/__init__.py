from .adaptations import AdaptationLogEntry, Contribution
from .framework import Adoption, FrameworkPage, FrameworkVersion
from .pages import MethodIndexPage, MethodPage, MethodTag, RelatedMethod
from .snippets import MethodFormat, MethodTheme, TargetGroup

__all__ = [
    "AdaptationLogEntry",
    "Adoption",
    "Contribution",
    "FrameworkPage",
    "FrameworkVersion",
    "MethodFormat",
    "MethodIndexPage",
    "MethodPage",
    "MethodTag",
    "MethodTheme",
    "RelatedMethod",
    "TargetGroup",
]
