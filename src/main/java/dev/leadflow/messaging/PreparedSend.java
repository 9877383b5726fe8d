package dev.leadflow.messaging;

import java.util.List;

import dev.leadflow.messaging.ChannelRouter.Route;
import dev.leadflow.messaging.SendHolds.Hold;
import dev.leadflow.messaging.TemplateCatalog.Category;
import dev.leadflow.messaging.TemplateCatalog.Template;

/**
 * Everything one send needs, resolved once the policy let it through.
 *
 * @param probes  the channel or template holds this send probes
 * @param variant the experiment and variant this send is, or null
 */
record PreparedSend(SendCommand command, String key, Recipient lead, Template template, Route route,
                    List<Hold> probes, String variant) {

    Category category() {
        return template.getCategory();
    }
}
