package dev.leadflow.whatsapp;

import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Meta's webhook endpoint, its description, and the webhook sweeper ({@link WebhookIngestion#sweepOnSchedule()}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class InboundConfiguration {

    @Bean
    ServletRegistrationBean<WebhookServlet> webhookServlet(WhatsAppProperties properties, WebhookIngestion ingestion,
                                                          ObjectMapper json) {
        ServletRegistrationBean<WebhookServlet> registration = new ServletRegistrationBean<>(
                new WebhookServlet(properties, ingestion, json), WebhookServlet.PATH);
        registration.setName("whatsappWebhook");
        registration.setLoadOnStartup(1);
        return registration;
    }

    @Bean
    WebhookApiDescription webhookApiDescription() {
        return new WebhookApiDescription();
    }
}
