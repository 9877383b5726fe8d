package dev.leadflow.whatsapp;

import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** This application's own HTTP address, known once the web server has started. */
@Component
public class LocalServer {

    private volatile int port = -1;

    @EventListener
    void onStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    public String baseUrl() {
        if (port < 0) {
            throw new IllegalStateException("The web server has not started yet");
        }
        return "http://127.0.0.1:" + port;
    }
}
