package dev.leadflow.ops;

import java.util.Map;

/**
 * A store that keeps data about a lead and removes it when the lead's erasure is requested. Implement it
 * as a bean next to any new table that holds a lead's personal data (raw webhook payloads, legacy
 * imports, ...): {@link LeadErasure} calls every one inside the erasure's transaction.
 */
public interface PersonalDataEraser {

    /**
     * Removes what this store keeps about the lead. Running it again removes nothing more.
     *
     * @param phone the lead's number (E.164) while Leadflow still knows it, for stores keyed by number;
     *              null otherwise
     * @return how many records of each kind were removed, e.g. {@code {"inboundMessages": 3}}
     */
    Map<String, Integer> erase(String leadId, String phone);
}
