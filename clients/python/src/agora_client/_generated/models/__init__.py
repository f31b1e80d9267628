"""Contains all the data models used in inputs/outputs"""

from .activity import Activity
from .activity_create import ActivityCreate
from .activity_kind import ActivityKind
from .activity_out import ActivityOut
from .actor_document import ActorDocument
from .actor_kind import ActorKind
from .actor_out import ActorOut
from .actor_page import ActorPage
from .actor_representation import ActorRepresentation
from .actor_summary import ActorSummary
from .agency_enrolment import AgencyEnrolment
from .anchored_verification import AnchoredVerification
from .approved_client import ApprovedClient
from .assessment_create import AssessmentCreate
from .assessment_out import AssessmentOut
from .assignment_out import AssignmentOut
from .assignment_run_out import AssignmentRunOut
from .audience import Audience
from .audit_event import AuditEvent
from .audit_page import AuditPage
from .body_issue_token_v1_auth_token_post import BodyIssueTokenV1AuthTokenPost
from .checkpoint_out import CheckpointOut
from .checkpoint_page import CheckpointPage
from .client_create import ClientCreate
from .client_created import ClientCreated
from .client_out import ClientOut
from .client_page import ClientPage
from .commitment_create import CommitmentCreate
from .commitment_create_status import CommitmentCreateStatus
from .commitment_created import CommitmentCreated
from .commitment_detail import CommitmentDetail
from .commitment_out import CommitmentOut
from .commitment_page import CommitmentPage
from .commitment_warning import CommitmentWarning
from .concentration import Concentration
from .concentration_report import ConcentrationReport
from .concentration_report_by_donor import ConcentrationReportByDonor
from .concentration_report_by_horizon import ConcentrationReportByHorizon
from .concentration_report_by_instrument import ConcentrationReportByInstrument
from .concentration_report_by_origin_region import ConcentrationReportByOriginRegion
from .confidential_in_exports import ConfidentialInExports
from .conflict_create import ConflictCreate
from .conflict_out import ConflictOut
from .consent import Consent
from .consent_out import ConsentOut
from .contact import Contact
from .contact_out import ContactOut
from .criterion_out import CriterionOut
from .criterion_totals import CriterionTotals
from .currency_total import CurrencyTotal
from .cycle_create import CycleCreate
from .cycle_out import CycleOut
from .cycle_progress import CycleProgress
from .cycle_status import CycleStatus
from .dead_letter import DeadLetter
from .dead_letter_page import DeadLetterPage
from .delivery_out import DeliveryOut
from .delivery_page import DeliveryPage
from .delivery_status import DeliveryStatus
from .direction import Direction
from .disbursement_create import DisbursementCreate
from .disbursement_out import DisbursementOut
from .donor_count import DonorCount
from .donor_funding import DonorFunding
from .donor_in import DonorIn
from .donor_out import DonorOut
from .donor_representation import DonorRepresentation
from .donor_share import DonorShare
from .donor_totals import DonorTotals
from .donors_per_actor import DonorsPerActor
from .duplicate_out import DuplicateOut
from .duplicate_page import DuplicatePage
from .evaluation_donor_totals import EvaluationDonorTotals
from .evaluation_period import EvaluationPeriod
from .evaluator_out import EvaluatorOut
from .export_360_giving_v1_funding_exports_360_giving_get_response_200 import (
    Export360GivingV1FundingExports360GivingGetResponse200,
)
from .export_format import ExportFormat
from .funding_status import FundingStatus
from .fx_rate_in import FxRateIn
from .fx_rate_out import FxRateOut
from .gender import Gender
from .grant_in import GrantIn
from .grant_out import GrantOut
from .grant_page import GrantPage
from .grants_on_transfer import GrantsOnTransfer
from .history_entry import HistoryEntry
from .horizon import Horizon
from .instrument import Instrument
from .issue_token_v1_auth_token_post_response_400 import IssueTokenV1AuthTokenPostResponse400
from .issue_token_v1_auth_token_post_response_401 import IssueTokenV1AuthTokenPostResponse401
from .lapsed_actor import LapsedActor
from .lapsed_page import LapsedPage
from .leadership import Leadership
from .leadership_shares import LeadershipShares
from .me import Me
from .non_russian_target import NonRussianTarget
from .outstanding_actor import OutstandingActor
from .overlap_notice import OverlapNotice
from .overlap_out import OverlapOut
from .overlap_page import OverlapPage
from .overlap_pair import OverlapPair
from .overlap_pair_member import OverlapPairMember
from .overlap_resolve import OverlapResolve
from .overlap_side import OverlapSide
from .overlap_status import OverlapStatus
from .overview import Overview
from .page_assessment_out import PageAssessmentOut
from .page_assignment_out import PageAssignmentOut
from .page_cycle_out import PageCycleOut
from .page_evaluator_out import PageEvaluatorOut
from .page_history_entry import PageHistoryEntry
from .page_outstanding_actor import PageOutstandingActor
from .part import Part
from .part_data_type_0 import PartDataType0
from .participants import Participants
from .patch_actor_v1_actors_actor_id_patch_json_body import PatchActorV1ActorsActorIdPatchJsonBody
from .pending_client import PendingClient
from .period import Period
from .period_in import PeriodIn
from .permit_change import PermitChange
from .permit_in import PermitIn
from .permit_out import PermitOut
from .permit_page import PermitPage
from .permit_status import PermitStatus
from .permit_type import PermitType
from .portfolio_actor import PortfolioActor
from .portfolio_report import PortfolioReport
from .portfolio_totals import PortfolioTotals
from .possible_duplicate import PossibleDuplicate
from .privacy import Privacy
from .privacy_budget import PrivacyBudget
from .problem import Problem
from .problem_errors_item import ProblemErrorsItem
from .programme_create import ProgrammeCreate
from .programme_out import ProgrammeOut
from .programme_page import ProgrammePage
from .purpose import Purpose
from .region_money import RegionMoney
from .registered_actor_out import RegisteredActorOut
from .replayed import Replayed
from .replayed_outcome import ReplayedOutcome
from .representation import Representation
from .representation_figures import RepresentationFigures
from .representation_out import RepresentationOut
from .representation_report import RepresentationReport
from .representation_shares import RepresentationShares
from .resolution import Resolution
from .risk_level import RiskLevel
from .role import Role
from .scorecard_figures import ScorecardFigures
from .scorecard_out import ScorecardOut
from .scores import Scores
from .sector import Sector
from .sector_money import SectorMoney
from .sector_totals import SectorTotals
from .sector_totals_mean_median import SectorTotalsMeanMedian
from .share_cell import ShareCell
from .statistics import Statistics
from .statistics_by_activity import StatisticsByActivity
from .statistics_by_host_country import StatisticsByHostCountry
from .statistics_by_kind import StatisticsByKind
from .statistics_by_origin_region import StatisticsByOriginRegion
from .statistics_by_sector import StatisticsBySector
from .status import Status
from .targets import Targets
from .thin_grants import ThinGrants
from .token_response import TokenResponse
from .transfer_in import TransferIn
from .transfer_out import TransferOut
from .transfer_page import TransferPage
from .transfer_status import TransferStatus
from .vetting_decision import VettingDecision
from .vetting_history_page import VettingHistoryPage
from .vetting_in import VettingIn
from .vetting_out import VettingOut
from .vetting_record_out import VettingRecordOut
from .warning_code import WarningCode
from .webhook_created import WebhookCreated
from .webhook_in import WebhookIn
from .webhook_in_events_item import WebhookInEventsItem
from .webhook_out import WebhookOut
from .webhook_page import WebhookPage
from .women_target import WomenTarget

__all__ = (
    "Activity",
    "ActivityCreate",
    "ActivityKind",
    "ActivityOut",
    "ActorDocument",
    "ActorKind",
    "ActorOut",
    "ActorPage",
    "ActorRepresentation",
    "ActorSummary",
    "AgencyEnrolment",
    "AnchoredVerification",
    "ApprovedClient",
    "AssessmentCreate",
    "AssessmentOut",
    "AssignmentOut",
    "AssignmentRunOut",
    "Audience",
    "AuditEvent",
    "AuditPage",
    "BodyIssueTokenV1AuthTokenPost",
    "CheckpointOut",
    "CheckpointPage",
    "ClientCreate",
    "ClientCreated",
    "ClientOut",
    "ClientPage",
    "CommitmentCreate",
    "CommitmentCreateStatus",
    "CommitmentCreated",
    "CommitmentDetail",
    "CommitmentOut",
    "CommitmentPage",
    "CommitmentWarning",
    "Concentration",
    "ConcentrationReport",
    "ConcentrationReportByDonor",
    "ConcentrationReportByHorizon",
    "ConcentrationReportByInstrument",
    "ConcentrationReportByOriginRegion",
    "ConfidentialInExports",
    "ConflictCreate",
    "ConflictOut",
    "Consent",
    "ConsentOut",
    "Contact",
    "ContactOut",
    "CriterionOut",
    "CriterionTotals",
    "CurrencyTotal",
    "CycleCreate",
    "CycleOut",
    "CycleProgress",
    "CycleStatus",
    "DeadLetter",
    "DeadLetterPage",
    "DeliveryOut",
    "DeliveryPage",
    "DeliveryStatus",
    "Direction",
    "DisbursementCreate",
    "DisbursementOut",
    "DonorCount",
    "DonorFunding",
    "DonorIn",
    "DonorOut",
    "DonorRepresentation",
    "DonorShare",
    "DonorTotals",
    "DonorsPerActor",
    "DuplicateOut",
    "DuplicatePage",
    "EvaluationDonorTotals",
    "EvaluationPeriod",
    "EvaluatorOut",
    "Export360GivingV1FundingExports360GivingGetResponse200",
    "ExportFormat",
    "FundingStatus",
    "FxRateIn",
    "FxRateOut",
    "Gender",
    "GrantIn",
    "GrantOut",
    "GrantPage",
    "GrantsOnTransfer",
    "HistoryEntry",
    "Horizon",
    "Instrument",
    "IssueTokenV1AuthTokenPostResponse400",
    "IssueTokenV1AuthTokenPostResponse401",
    "LapsedActor",
    "LapsedPage",
    "Leadership",
    "LeadershipShares",
    "Me",
    "NonRussianTarget",
    "OutstandingActor",
    "OverlapNotice",
    "OverlapOut",
    "OverlapPage",
    "OverlapPair",
    "OverlapPairMember",
    "OverlapResolve",
    "OverlapSide",
    "OverlapStatus",
    "Overview",
    "PageAssessmentOut",
    "PageAssignmentOut",
    "PageCycleOut",
    "PageEvaluatorOut",
    "PageHistoryEntry",
    "PageOutstandingActor",
    "Part",
    "PartDataType0",
    "Participants",
    "PatchActorV1ActorsActorIdPatchJsonBody",
    "PendingClient",
    "Period",
    "PeriodIn",
    "PermitChange",
    "PermitIn",
    "PermitOut",
    "PermitPage",
    "PermitStatus",
    "PermitType",
    "PortfolioActor",
    "PortfolioReport",
    "PortfolioTotals",
    "PossibleDuplicate",
    "Privacy",
    "PrivacyBudget",
    "Problem",
    "ProblemErrorsItem",
    "ProgrammeCreate",
    "ProgrammeOut",
    "ProgrammePage",
    "Purpose",
    "RegionMoney",
    "RegisteredActorOut",
    "Replayed",
    "ReplayedOutcome",
    "Representation",
    "RepresentationFigures",
    "RepresentationOut",
    "RepresentationReport",
    "RepresentationShares",
    "Resolution",
    "RiskLevel",
    "Role",
    "ScorecardFigures",
    "ScorecardOut",
    "Scores",
    "Sector",
    "SectorMoney",
    "SectorTotals",
    "SectorTotalsMeanMedian",
    "ShareCell",
    "Statistics",
    "StatisticsByActivity",
    "StatisticsByHostCountry",
    "StatisticsByKind",
    "StatisticsByOriginRegion",
    "StatisticsBySector",
    "Status",
    "Targets",
    "ThinGrants",
    "TokenResponse",
    "TransferIn",
    "TransferOut",
    "TransferPage",
    "TransferStatus",
    "VettingDecision",
    "VettingHistoryPage",
    "VettingIn",
    "VettingOut",
    "VettingRecordOut",
    "WarningCode",
    "WebhookCreated",
    "WebhookIn",
    "WebhookInEventsItem",
    "WebhookOut",
    "WebhookPage",
    "WomenTarget",
)
