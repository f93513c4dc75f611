package io.tally.revenue.freshness;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Puts the {@link ProjectionETags tag} the {@link ConsistencyFilter} chose on successful
 * revenue answers (only those: a problem answer carries no validator), with
 * {@value ProjectionETags#CACHE_CONTROL}.
 */
@ControllerAdvice(basePackages = "io.tally.revenue.revenue")
class ProjectionETagAdvice implements ResponseBodyAdvice<Object> {

	@Override
	public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
		return true;
	}

	@Override
	public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
			Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
			ServerHttpResponse response) {
		String tag = ProjectionETags.of(request);
		if (tag != null) {
			response.getHeaders().setETag(tag);
			response.getHeaders().setCacheControl(ProjectionETags.CACHE_CONTROL);
		}
		return body;
	}

}
