"""AssociateTrialComponent and DisassociateTrialComponent.

A trial component may belong to several trials; each pair is one row of
``trial_component_association``.
"""

import logging

from . import _records
from ._timestamps import now
from .client_base import not_found, operation

log = logging.getLogger(__name__)


class AssociationOperations:
    """The association operations of ``LocalSageMakerClient``."""

    @operation("AssociateTrialComponent")
    def associate_trial_component(self, params: dict) -> dict:
        with self.store.write() as conn:
            component = _records.require(conn, "trial_component", params["TrialComponentName"])
            trial = _records.require(conn, "trial", params["TrialName"])
            # Associating a pair that is already associated succeeds and keeps the first time.
            conn.execute(
                "INSERT INTO trial_component_association "
                "(trial_component_id, trial_id, associated_time) VALUES (?, ?, ?) "
                "ON CONFLICT (trial_component_id, trial_id) DO NOTHING",
                (component["id"], trial["id"], now()),
            )

        log.debug("Associated trial component %s with trial %s", component["name"], trial["name"])
        return {"TrialComponentArn": component["arn"], "TrialArn": trial["arn"]}

    @operation("DisassociateTrialComponent")
    def disassociate_trial_component(self, params: dict) -> dict:
        with self.store.write() as conn:
            component = _records.require(conn, "trial_component", params["TrialComponentName"])
            trial = _records.require(conn, "trial", params["TrialName"])
            deleted = conn.execute(
                "DELETE FROM trial_component_association "
                "WHERE trial_component_id = ? AND trial_id = ?",
                (component["id"], trial["id"]),
            ).rowcount
            if not deleted:
                raise not_found(
                    f"Trial component '{component['name']}' is not associated with trial "
                    f"'{trial['name']}'. ListTrials with TrialComponentName lists its trials."
                )

        log.debug(
            "Disassociated trial component %s from trial %s", component["name"], trial["name"]
        )
        return {"TrialComponentArn": component["arn"], "TrialArn": trial["arn"]}
