"""Who may call what: the expected status of every operation of the merged OpenAPI document,
per role — the one table both the authorization-matrix test and the fuzz test read.

The resources belong to the state DE: ``owner`` is an agency of DE, ``other`` an agency of FR,
``steward`` DE's steward and ``other_steward`` FR's; ``revoked`` is a DE agency whose client was
revoked after it got its token.
"""

from __future__ import annotations

ROLES = (
    "admin",
    "owner",
    "other",
    "evaluator",
    "auditor",
    "steward",
    "other_steward",
    "monitor",
    "anonymous",
    "revoked",
)

UNAUTHENTICATED = ("anonymous", "revoked")

# fmt: off
# Expected status of each operation, per role.   admin owner other  eval audit  stew ostew  mon  anon revoked
MATRIX: dict[str, tuple[int, ...]] = {
    "POST /v1/auth/token":                                (401, 401, 401, 401, 401, 401, 401, 401, 401, 401),
    "GET /v1/auth/me":                                    (200, 200, 200, 200, 200, 200, 200, 200, 401, 401),
    "POST /v1/admin/clients":                             (201, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/admin/clients":                              (200, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/admin/clients/{client_id}/approve":         (200, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/stewardship/clients":                       (403, 403, 403, 403, 403, 201, 201, 403, 401, 401),
    "GET /v1/stewardship/clients":                        (403, 403, 403, 403, 403, 200, 200, 403, 401, 401),
    "DELETE /v1/stewardship/clients/{client_id}":         (403, 403, 403, 403, 403, 204, 404, 403, 401, 401),
    "GET /v1/stewardship/access-log":                     (403, 403, 403, 403, 403, 200, 200, 403, 401, 401),
    "GET /v1/stewardship/events":                         (403, 403, 403, 403, 403, 200, 200, 403, 401, 401),
    "DELETE /v1/admin/clients/{client_id}":               (204, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/audit/events":                               (403, 403, 403, 403, 200, 403, 403, 403, 401, 401),
    "GET /v1/audit/checkpoints":                          (403, 403, 403, 403, 200, 403, 403, 403, 401, 401),
    "GET /v1/audit/verify":                               (403, 403, 403, 403, 200, 403, 403, 403, 401, 401),
    "GET /v1/coordination/overview":                      (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/actors":                                    (403, 201, 201, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/actors":                                     (200, 200, 200, 200, 403, 403, 403, 403, 401, 401),
    "GET /v1/actors/permits/expiring":                    (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/actors/duplicates":                          (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/actors/statistics":                          (200, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/actors/{actor_id}":                          (200, 200, 200, 200, 403, 403, 403, 403, 401, 401),
    "PATCH /v1/actors/{actor_id}":                        (403, 200, 403, 403, 403, 403, 403, 403, 401, 401),
    "DELETE /v1/actors/{actor_id}":                       (403, 204, 403, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/actors/{actor_id}/grants":                   (403, 200, 403, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/actors/{actor_id}/grants":                  (403, 201, 403, 403, 403, 403, 403, 403, 401, 401),
    "DELETE /v1/actors/{actor_id}/grants/{state}":        (403, 204, 403, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/actors/{actor_id}/permits":                  (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/actors/{actor_id}/permits":                 (403, 201, 201, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/actors/{actor_id}/vetting":                  (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "PUT /v1/actors/{actor_id}/vetting":                  (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/funding/commitments":                       (403, 201, 201, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/funding/commitments":                        (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/funding/commitments/{commitment_id}":        (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/funding/commitments/{commitment_id}/cancel": (403, 200, 403, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/funding/commitments/{commitment_id}/commit": (403, 200, 403, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/funding/commitments/{commitment_id}/complete": (403, 200, 403, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/funding/commitments/{commitment_id}/disbursements": (403, 201, 403, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/funding/overlaps":                           (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/funding/overlaps/{overlap_id}/resolve":     (403, 200, 404, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/funding/programmes":                        (403, 201, 201, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/funding/programmes":                         (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/funding/actors/{actor_id}/summary":          (403, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "PUT /v1/funding/fx-rates/{currency}":                (200, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/funding/reports/concentration":              (200, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/evaluation/cycles":                         (201, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/cycles":                          (200, 200, 200, 200, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/cycles/{cycle_id}":               (200, 200, 200, 200, 403, 403, 403, 403, 401, 401),
    "POST /v1/evaluation/cycles/{cycle_id}/close":        (200, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/evaluation/cycles/{cycle_id}/assessments":  (403, 403, 403, 201, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/cycles/{cycle_id}/assessments":   (200, 403, 403, 200, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/cycles/{cycle_id}/scorecards/{actor_id}": (200, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/evaluation/cycles/{cycle_id}/assignments":  (200, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/cycles/{cycle_id}/assignments":   (200, 403, 403, 200, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/cycles/{cycle_id}/progress":      (200, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/actors/{actor_id}/history":       (200, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "PUT /v1/evaluation/evaluators/me":                   (403, 403, 403, 200, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/evaluators":                      (200, 403, 403, 403, 403, 403, 403, 403, 401, 401),
    "POST /v1/evaluation/conflicts":                      (403, 403, 403, 201, 403, 403, 403, 403, 401, 401),
    "POST /v1/evaluation/activities":                     (403, 201, 201, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/reports/representation":          (200, 200, 200, 403, 403, 403, 403, 403, 401, 401),
    "GET /v1/evaluation/reports/portfolio":               (200, 200, 200, 403, 403, 403, 403, 403, 401, 401),
}
# fmt: on
