/** Who may see a private incident besides those whose keys or roles see every incident. */

/** A user let into a private incident. */
export interface IncidentMembershipRecord {
  id: string;
  incident_id: string;
  user_id: string;
  created_at: string;
  updated_at: string;
}
