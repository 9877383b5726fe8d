package dev.leadflow.access;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Logs in to one of Camunda's webapps as its login page does (cookie, CSRF token, form post). */
final class WebappLogin {

    private WebappLogin() {
    }

    /** 200 when the user may use the app, 403 when the app refuses them, 401 for a wrong password. */
    static int status(String baseUrl, String app, String user, String password)
            throws IOException, InterruptedException {
        return logIn(baseUrl, app, user, password, new CookieManager()).statusCode();
    }

    /** Logs in to Cockpit, then posts to the Leadflow page's API as the page does; the answer's status. */
    static HttpResponse<String> postAsCockpitUser(String baseUrl, String user, String password, String path, String json)
            throws IOException, InterruptedException {
        CookieManager cookies = new CookieManager();
        logIn(baseUrl, "cockpit", user, password, cookies);
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        // the login starts a new session; its CSRF token comes with the next page, as in the browser
        client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/cockpit/default/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-XSRF-TOKEN", csrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> logIn(String baseUrl, String app, String user, String password,
                                              CookieManager cookies) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + app + "/default/")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl
                        + "/camunda/api/admin/auth/user/default/login/" + app))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-XSRF-TOKEN", csrf(cookies))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + encode(user) + "&password=" + encode(password)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(CookieManager cookies) {
        return cookies.getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("Camunda set no XSRF-TOKEN cookie"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
