package dev.leadflow.web;

import java.io.IOException;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Refuses oversized bodies before anything reads them: 256 KiB for the CRM API, 4 MiB for Meta's webhook
 * (up to 1,000 updates in one delivery), 32 MiB for a legacy tracking import (CSV). A body without a declared
 * length is cut off at the same size.
 * Camunda's own REST API and webapps keep their limits (deployments may be larger).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

    static final long API_LIMIT = 256 * 1024;
    static final long WEBHOOK_LIMIT = 4 * 1024 * 1024;
    static final long LEGACY_IMPORT_LIMIT = 32 * 1024 * 1024;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        return !path.startsWith("/api/") && !path.startsWith("/webhooks/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI();
        long limit = path.startsWith("/webhooks/") ? WEBHOOK_LIMIT
                : path.equals("/api/legacy/imports") ? LEGACY_IMPORT_LIMIT : API_LIMIT;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Payload Too Large\",\"status\":413,"
                    + "\"detail\":\"The body is larger than " + limit / 1024 + " KiB\"}");
            return;
        }
        chain.doFilter(declared < 0 ? new LimitedBodyRequest(request, limit) : request, response);
    }
}
