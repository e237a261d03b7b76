import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from steadfast.accounts import access
from steadfast.children.models import Child
from steadfast.core.querystring import id_from
from steadfast.households.models import HouseholdMember, MemberRole

from . import rules, services
from .forms import NOTHING_FOUND, BundleFindForm
from .models import SubjectAccessBundle

BUNDLE_MADE_MESSAGE = "The subject access bundle about {name} is made. Its PDF is being prepared"
PDF_ASKED_AGAIN_MESSAGE = "The PDF is being prepared again"


def _records_officer_only(request: HttpRequest) -> None:
    if not access.is_records_officer(request.user):
        raise Http404


def _bundles_for(user):
    """The bundles a records officer may open: about children and carers they may reach."""
    return SubjectAccessBundle.objects.filter(
        child__in=access.children_for_records_team(user)
    ) | SubjectAccessBundle.objects.filter(carer__household__in=access.households_for_records_team(user))


def bundle_list(request: HttpRequest) -> HttpResponse:
    _records_officer_only(request)
    bundles = (
        _bundles_for(request.user)
        .defer("pdf")
        .select_related("created_by")
        .order_by("-created_at", "-id")[:50]
    )
    return render(request, "subject_access/bundle_list.html", {"bundles": bundles})


def bundle_add(request: HttpRequest) -> HttpResponse:
    """Find the child or the household's carers by reference; each match has a button that
    makes the bundle."""
    _records_officer_only(request)
    form = BundleFindForm(request.GET or None)
    child, carers = None, []
    if form.is_bound and form.is_valid():
        reference = form.cleaned_data["reference"]
        child = (
            access.children_for_records_team(request.user).filter(child_identifier__iexact=reference).first()
        )
        household = (
            access.households_for_records_team(request.user).filter(reference__iexact=reference).first()
        )
        if household is not None:
            carers = list(household.members.filter(role=MemberRole.APPROVED_CARER))
        if child is None and not carers:
            form.add_error("reference", NOTHING_FOUND)
    return render(request, "subject_access/bundle_add.html", {"form": form, "child": child, "carers": carers})


@require_POST
def bundle_make(request: HttpRequest) -> HttpResponse:
    _records_officer_only(request)
    child = carer = None
    try:
        if request.POST.get("child"):
            child = access.children_for_records_team(request.user).get(pk=id_from(request.POST["child"]))
        else:
            carer = HouseholdMember.objects.get(
                pk=id_from(request.POST.get("carer")),
                household__in=access.households_for_records_team(request.user),
            )
    except (HouseholdMember.DoesNotExist, Child.DoesNotExist):
        raise Http404 from None
    try:
        bundle = services.make_subject_access_bundle(actor=request.user, child=child, carer=carer)
    except ValidationError:
        raise Http404 from None
    messages.success(request, BUNDLE_MADE_MESSAGE.format(name=bundle.subject_name))
    return redirect("subject_access:bundle-detail", pk=bundle.pk)


def _bundle_or_404(request: HttpRequest, pk: int) -> SubjectAccessBundle:
    """The bundle, without its PDF (read only to be downloaded), and whether it is kept, or was
    emptied when the record was destroyed."""
    _records_officer_only(request)
    bundles = (
        _bundles_for(request.user)
        .defer("pdf")
        .annotate(
            pdf_emptied=ExpressionWrapper(Q(pdf=b""), output_field=BooleanField()),
            pdf_kept=ExpressionWrapper(Q(pdf__isnull=False) & ~Q(pdf=b""), output_field=BooleanField()),
        )
        .select_related("created_by", "carer")
    )
    return get_object_or_404(bundles, pk=pk)


def _pdf_state(bundle: SubjectAccessBundle) -> str:
    return rules.pdf_state(
        kept=bundle.pdf_kept,
        emptied=bundle.pdf_emptied,
        requested_at=bundle.pdf_requested_at,
        failed_at=bundle.pdf_failed_at,
        now=timezone.now(),
    )


def bundle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bundle = _bundle_or_404(request, pk)
    # Emptied when the record the bundle is about was destroyed.
    content = bundle.content or {}
    sections = content.get("sections", [])
    counts = {
        "sections": len(sections),
        "rows": sum(len(s["rows"]) for s in sections),
        "third_party": sum(1 for s in sections for r in s["rows"] for f in r["fields"] if f["third_party"]),
        "history": len(content.get("field_history", [])),
        "access_log": len(content.get("access_log", [])),
    }
    return render(
        request,
        "subject_access/bundle_detail.html",
        {"bundle": bundle, "counts": counts, "pdf_state": _pdf_state(bundle), "rules": rules},
    )


def _download(content: bytes, *, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def bundle_json(request: HttpRequest, pk: int) -> HttpResponse:
    bundle = _bundle_or_404(request, pk)
    services.record_bundle_download(actor=request.user, bundle=bundle, file_format="json")
    body = json.dumps(bundle.content, indent=2, ensure_ascii=False).encode()
    return _download(body, name=f"subject-access-bundle-{bundle.pk}.json", content_type="application/json")


def bundle_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF drawn in the background; until it is ready, the bundle's page says where it stands."""
    bundle = _bundle_or_404(request, pk)
    if not bundle.pdf_kept:
        return redirect("subject_access:bundle-detail", pk=bundle.pk)
    services.record_bundle_download(actor=request.user, bundle=bundle, file_format="pdf")
    pdf = SubjectAccessBundle.objects.values_list("pdf", flat=True).get(pk=bundle.pk)
    return _download(
        bytes(pdf), name=f"subject-access-bundle-{bundle.pk}.pdf", content_type="application/pdf"
    )


@require_POST
def bundle_pdf_again(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask for the PDF again, where it failed, was lost or was never drawn; otherwise the page
    already says where it stands, and nothing is queued."""
    bundle = _bundle_or_404(request, pk)
    if _pdf_state(bundle) in (rules.PDF_FAILED, rules.PDF_NOT_DRAWN):
        services.ask_for_bundle_pdf_again(bundle=bundle)
        messages.success(request, PDF_ASKED_AGAIN_MESSAGE)
    return redirect("subject_access:bundle-detail", pk=bundle.pk)
