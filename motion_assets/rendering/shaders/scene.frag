#version 330
// One full-frame scene: sky, a setting, weather, subjects, then the grade. World units: the frame is one unit
// high at zoom 1, x grows right and y up; the horizon sits at u_horizon. Everything is a signed distance or a
// smooth field, so edges are anti-aliased at any size.

uniform vec2 u_res;
uniform float u_time;        // the animation clock in seconds (0 for a still scene)
uniform int u_setting;       // index into SCENE_SETTINGS
uniform float u_horizon;
uniform vec3 u_sky_top;
uniform vec3 u_sky_low;
uniform vec3 u_land;         // the near ground (grass, sand, snow, floor, street)
uniform vec3 u_land_far;     // distant hills, mountains, far buildings
uniform vec3 u_water;
uniform vec3 u_accent;       // walls, facades, nebula, dune shadows
uniform vec3 u_light;        // the scene's light on subjects
uniform int u_sun_kind;      // 0 none, 1 sun, 2 moon
uniform vec2 u_sun_pos;
uniform vec3 u_sun_color;
uniform float u_stars;       // 0..1
uniform float u_windows_lit; // share of city windows lit
uniform float u_clouds;
uniform float u_rain;
uniform float u_snow;
uniform float u_fog;
uniform float u_flash;       // lightning flash this frame, 0..1
uniform float u_bolt_x;
uniform vec2 u_cam;
uniform float u_far_mountains; // 1: snow-capped mountains stand behind the setting's own far land
uniform float u_far_follow;  // how much of the camera's move the far layers follow (1: a turn, <1: parallax)
uniform float u_zoom;
uniform float u_dolly;
uniform float u_far_dolly;   // how much of the dolly the far layers take (scene_frames.far_dolly)
uniform float u_roll;
uniform int u_kind;          // the subject this draw paints (the subject pass draws one per call)
uniform vec3 u_place;        // x, y (centre), size (half height)
uniform vec3 u_tint;
uniform vec2 u_pose;         // facing (+1 right, -1 left), phase (radians)
uniform sampler2D u_layer;   // the finishing pass reads the background with its subjects
uniform float u_exposure;
uniform float u_saturation;
uniform float u_warmth;
uniform float u_mono;
uniform float u_gain;
uniform int u_excluded;
uniform vec2 u_exclude[8];   // hue intervals in degrees [from, to)

out vec4 frag_color;

float px;                    // one pixel in near-world units

// ---------- noise ----------
float hash1(vec2 p) { p = fract(p * vec2(123.34, 456.21)); p += dot(p, p + 45.32); return fract(p.x * p.y); }
float vnoise(vec2 p) {
    vec2 i = floor(p), f = fract(p);
    vec2 u = f * f * (3.0 - 2.0 * f);
    return mix(mix(hash1(i), hash1(i + vec2(1, 0)), u.x), mix(hash1(i + vec2(0, 1)), hash1(i + vec2(1, 1)), u.x), u.y);
}
float fbm(vec2 p) {
    float v = 0.0, a = 0.5;
    for (int i = 0; i < 5; i++) { v += a * vnoise(p); p = p * 2.03 + vec2(1.7, 9.2); a *= 0.5; }
    return v;
}
// Surface texture (grass, sand, asphalt, seabed) starts at a high frequency: octaves beyond the third would be finer
// than a pixel at 640x360, so they are left out (they would only alias, and cost).
float fbm_texture(vec2 p) {
    float v = 0.0, a = 0.5;
    for (int i = 0; i < 3; i++) { v += a * vnoise(p); p = p * 2.03 + vec2(1.7, 9.2); a *= 0.5; }
    return v / 0.875 * 0.97;
}

// ---------- distances ----------
float sd_circle(vec2 p, float r) { return length(p) - r; }
float sd_box(vec2 p, vec2 b) { vec2 d = abs(p) - b; return length(max(d, 0.0)) + min(max(d.x, d.y), 0.0); }
float sd_rbox(vec2 p, vec2 b, float r) { return sd_box(p, b - r) - r; }
float sd_seg(vec2 p, vec2 a, vec2 b, float r) {
    vec2 pa = p - a, ba = b - a;
    float h = clamp(dot(pa, ba) / dot(ba, ba), 0.0, 1.0);
    return length(pa - ba * h) - r;
}
float sd_ellipse(vec2 p, vec2 r) { float k = length(p / r); return (k - 1.0) * min(r.x, r.y); }
float sd_tri(vec2 p, vec2 a, vec2 b, vec2 c) {
    vec2 e0 = b - a, e1 = c - b, e2 = a - c, v0 = p - a, v1 = p - b, v2 = p - c;
    vec2 pq0 = v0 - e0 * clamp(dot(v0, e0) / dot(e0, e0), 0.0, 1.0);
    vec2 pq1 = v1 - e1 * clamp(dot(v1, e1) / dot(e1, e1), 0.0, 1.0);
    vec2 pq2 = v2 - e2 * clamp(dot(v2, e2) / dot(e2, e2), 0.0, 1.0);
    float s = sign(e0.x * e2.y - e0.y * e2.x);
    vec2 d = min(min(vec2(dot(pq0, pq0), s * (v0.x * e0.y - v0.y * e0.x)),
                     vec2(dot(pq1, pq1), s * (v1.x * e1.y - v1.y * e1.x))),
                 vec2(dot(pq2, pq2), s * (v2.x * e2.y - v2.y * e2.x)));
    return -sqrt(d.x) * sign(d.y);
}
float sd_trap(vec2 p, float top, float bottom, float he) {   // centred, half widths top/bottom, half height
    vec2 k1 = vec2(top, he), k2 = vec2(top - bottom, 2.0 * he);
    p.x = abs(p.x);
    vec2 ca = vec2(p.x - min(p.x, (p.y < 0.0) ? bottom : top), abs(p.y) - he);
    vec2 cb = p - k1 + k2 * clamp(dot(k1 - p, k2) / dot(k2, k2), 0.0, 1.0);
    float s = (cb.x < 0.0 && ca.y < 0.0) ? -1.0 : 1.0;
    return s * sqrt(min(dot(ca, ca), dot(cb, cb)));
}
float sd_star5(vec2 p, float r, float rf) {
    const vec2 k1 = vec2(0.809016994375, -0.587785252292);
    const vec2 k2 = vec2(-k1.x, k1.y);
    p.x = abs(p.x);
    p -= 2.0 * max(dot(k1, p), 0.0) * k1;
    p -= 2.0 * max(dot(k2, p), 0.0) * k2;
    p.x = abs(p.x);
    p.y -= r;
    vec2 ba = rf * vec2(-k1.y, k1.x) - vec2(0, 1);
    float h = clamp(dot(p, ba) / dot(ba, ba), 0.0, r);
    return length(p - ba * h) * sign(p.y * ba.x - p.x * ba.y);
}

float aa_local;              // one pixel in the current subject's local units
float cover(float d) { return 1.0 - smoothstep(-aa_local, aa_local, d); }
// Subjects are painted on a premultiplied-alpha layer (rgb already times alpha) composited over the background.
const float LIGHTHOUSE_REACH = 5.0;  // how far (in the tower's half heights) its beam lights the air
void paint(inout vec4 col, float d, vec3 c) { float a = cover(d); col = vec4(c * a, a) + col * (1.0 - a); }
// A body part: a darker rim, a lit face shaded from above.
void body(inout vec4 col, float d, vec3 c, vec2 q) {
    paint(col, d, c * 0.55);
    paint(col, d + max(0.035, 1.6 * aa_local), c * (0.8 + 0.3 * clamp(q.y * 0.5 + 0.5, 0.0, 1.0)));
}
// Light a subject gives off: added to what is behind it, fading out before the edge of the subject's box.
void glow(inout vec4 col, vec3 light, vec2 q) { col.rgb += light * (1.0 - smoothstep(1.2, 1.6, max(abs(q.x), abs(q.y)))); }
float cover_world(float d) { return 1.0 - smoothstep(-px, px, d); }

// ---------- sky ----------
vec3 sky_color(vec2 f) {
    float t = clamp((f.y - u_horizon) / (0.62 - u_horizon), 0.0, 1.0);
    return mix(u_sky_low, u_sky_top, pow(t, 1.1));
}

vec3 draw_sky(vec2 f) {
    vec3 col = sky_color(f);
    // Stars: one candidate per cell, at least a pixel and a half wide so they survive the codec.
    if (u_stars > 0.0) {
        vec2 g = f * 42.0;
        vec2 cell = floor(g);
        float h = hash1(cell);
        if (h > 0.78) {
            vec2 c = cell + vec2(hash1(cell + 3.1), hash1(cell + 7.7));
            float r = max(1.6 * px * 42.0, 0.05 + 0.06 * hash1(cell + 1.3));
            float tw = 0.75 + 0.25 * sin(u_time * (2.0 + 3.0 * h) + h * 40.0);
            float s = 1.0 - smoothstep(r * 0.35, r, length(g - c));
            col = mix(col, vec3(1.0, 0.98, 0.92), s * u_stars * tw);
        }
    }
    // Sun or moon with its glow.
    if (u_sun_kind > 0) {
        float d = length(f - u_sun_pos);
        float r = u_sun_kind == 1 ? 0.075 : 0.06;
        col += u_sun_color * (u_sun_kind == 1 ? 0.55 : 0.25) * exp(-d * (u_sun_kind == 1 ? 7.0 : 14.0));
        vec3 disc = u_sun_color;
        if (u_sun_kind == 2) {
            vec2 m = (f - u_sun_pos) / r;
            disc *= 0.88 + 0.12 * fbm(m * 3.0 + 4.0);
            disc *= 1.0 - 0.18 * (1.0 - smoothstep(0.12, 0.2, length(m - vec2(0.3, 0.25))));
            disc *= 1.0 - 0.14 * (1.0 - smoothstep(0.15, 0.24, length(m + vec2(0.35, 0.1))));
        }
        col = mix(col, disc, cover_world(d - r));
    }
    // Clouds drift slowly with the wind.
    float cloud_amount = max(u_clouds, u_setting == 0 ? 0.45 : 0.0);
    if (cloud_amount > 0.0) {
        vec2 c = vec2(f.x * 1.6 + u_time * 0.015, f.y * 4.0);
        float n = fbm(c * 2.2);
        float dens = smoothstep(0.62 - 0.32 * cloud_amount, 0.85 - 0.2 * cloud_amount, n);
        dens *= smoothstep(u_horizon - 0.02, u_horizon + 0.12, f.y);
        vec3 lit = mix(vec3(1.0), u_sky_low, 0.25) * (0.72 + 0.4 * (n - 0.5));
        vec3 storm = vec3(0.32, 0.34, 0.38) * (0.8 + 0.4 * n);
        col = mix(col, mix(lit, storm, clamp(u_rain * 0.9 + u_flash * 0.0, 0.0, 1.0)), dens * 0.92);
    }
    return col;
}

// ---------- settings ----------
float ridge(float x, float freq, float amp, float seed) {
    return amp * (0.55 * sin(x * freq + seed) + 0.3 * sin(x * freq * 2.3 + seed * 1.7) + 0.15 * sin(x * freq * 5.1 + seed * 3.1));
}

vec3 haze(vec3 c, float amount) { return mix(c, u_sky_low, amount); }

vec3 water_surface(vec2 p, vec3 sky, float calm) {
    float depth = max(u_horizon - p.y, 0.0);
    float z = 0.3 / (depth + 0.03);
    vec3 col = mix(u_water * 1.15, u_water * 0.7, clamp(depth * 1.8, 0.0, 1.0));
    col = mix(col, sky, 0.22 * (1.0 - clamp(depth * 4.0, 0.0, 1.0)));
    float w = sin(z * 14.0 - u_time * 1.6 + 1.4 * sin(p.x * z * 0.8 + u_time * 0.5)) * 0.5 + 0.5;
    // Wave lines fade out where they would be finer than a pixel (at the horizon).
    float detail = smoothstep(0.0, 0.05, depth);
    float crest = smoothstep(0.8 - 0.1 * calm, 0.97, w) * (1.0 - calm * 0.6) * detail;
    col = mix(col, mix(col, vec3(0.95, 0.97, 1.0), 0.55), crest);
    col *= 1.0 - 0.12 * detail * (1.0 - w);
    if (u_sun_kind > 0) {
        float glitter = exp(-abs(p.x - u_sun_pos.x) * (7.0 + 12.0 * depth)) * smoothstep(0.55, 0.9, w);
        col = mix(col, u_sun_color, glitter * (u_sun_kind == 1 ? 0.8 : 0.45));
    }
    return col;
}

vec3 grass(vec2 p, vec3 base) {
    float n = fbm_texture(p * vec2(14.0, 40.0));
    return base * (0.82 + 0.3 * n);
}

// A range of snow-capped peaks on the horizon (the far layer ``f``): the mountains setting, and the mountains
// behind a lake, a river, hills or a forest when the prompt names them.
vec3 far_mountains(vec2 f, vec3 col, float hz, float height) {
    float x = f.x * 2.2;
    float tri = abs(fract(x) - 0.5) * 2.0;
    float peak = hz + height * (1.0 - tri) * (0.7 + 0.3 * hash1(vec2(floor(x), 3.0))) + 0.04 * fbm(vec2(x * 6.0, 1.0)) + 0.02;
    vec3 rock = haze(u_land_far, 0.2) * (0.85 + 0.25 * (fract(x) < 0.5 ? 1.0 : 0.7));
    float snow_line = hz + height * 0.56 + 0.03 * fbm(vec2(x * 9.0, 2.0));
    rock = mix(rock, vec3(0.95, 0.96, 1.0) * mix(vec3(1.0), u_sky_low, 0.15), smoothstep(snow_line, snow_line + 0.01, f.y));
    return mix(col, rock, cover_world(f.y - peak));
}

vec3 draw_setting(vec2 p, vec2 f, vec3 col) {
    float hz = u_horizon;
    if (u_far_mountains > 0.5 && u_setting != 6) col = far_mountains(f, col, hz + 0.03, 0.26);
    if (u_setting == 0) {                               // sky: clouds over a low line of hills
        float h = hz + ridge(f.x, 2.0, 0.03, 1.0);
        col = mix(col, haze(u_land_far, 0.3), cover_world(f.y - h));
    } else if (u_setting == 1) {                        // ocean
        if (p.y < hz) col = water_surface(p, sky_color(vec2(p.x, 2.0 * hz - p.y)), 0.0);
    } else if (u_setting == 2) {                        // beach: sea, a foaming shoreline, sand
        float shore = hz - 0.2 + 0.018 * sin(p.x * 4.0 + u_time * 0.9) + 0.01 * sin(p.x * 11.0 - u_time * 1.3);
        if (p.y < hz) col = water_surface(p, sky_color(vec2(p.x, 2.0 * hz - p.y)), 0.2);
        float foam = smoothstep(0.012, 0.0, abs(p.y - shore - 0.006));
        vec3 sand = u_land * (0.88 + 0.18 * fbm_texture(p * vec2(30.0, 60.0)));
        sand = mix(sand, sand * 0.78, smoothstep(0.05, 0.0, shore - p.y));      // wet sand by the water
        col = mix(col, sand, cover_world(p.y - shore));
        col = mix(col, vec3(0.97), foam * 0.85);
    } else if (u_setting == 3) {                        // lake: tree line, mirror water, near shore
        float tl = hz + 0.035 + ridge(f.x, 9.0, 0.02, 2.0);
        if (f.y > hz) col = mix(col, haze(u_land_far * 0.8, 0.25), cover_world(f.y - tl));
        if (p.y < hz) {
            vec2 m = vec2(p.x, 2.0 * hz - p.y);
            vec3 refl = sky_color(m);
            if (u_far_mountains > 0.5) refl = far_mountains(m, refl, hz + 0.03, 0.26);
            float mt = hz + 0.035 + ridge(p.x, 9.0, 0.02, 2.0);
            refl = mix(refl, haze(u_land_far * 0.8, 0.25) * 0.8, cover_world(m.y - mt));
            float ripple = 0.5 + 0.5 * sin((hz - p.y) * 260.0 / (hz - p.y + 0.15) + u_time * 1.2 + sin(p.x * 6.0));
            col = mix(u_water, refl, 0.62) * (0.93 + 0.09 * ripple);
        }
        float shore = hz - 0.33 + ridge(p.x, 3.0, 0.03, 5.0);
        col = mix(col, grass(p, u_land), cover_world(p.y - shore));
    } else if (u_setting == 4) {                        // river through fields
        if (p.y < hz) {
            float depth = hz - p.y;
            col = grass(p, mix(haze(u_land, 0.3), u_land, clamp(depth * 3.0, 0.0, 1.0)));
            float centre = 0.12 * sin(2.2 / (depth + 0.08)) * depth * 2.0;
            float half_width = 0.01 + depth * 0.55;
            float inside = cover_world(abs(p.x - centre) - half_width);
            float flow = 0.5 + 0.5 * sin(8.0 / (depth + 0.05) + u_time * 3.0 + p.x * 20.0);
            vec3 river = mix(u_water, sky_color(vec2(p.x, hz + depth)), 0.35) * (0.9 + 0.14 * flow);
            col = mix(col, river, inside);
            col = mix(col, u_land * 0.6, smoothstep(0.012, 0.0, abs(abs(p.x - centre) - half_width)) * 0.6);
        }
        float h = hz + ridge(f.x, 3.0, 0.05, 4.0) + 0.03;
        if (f.y > hz) col = mix(col, haze(u_land_far, 0.35), cover_world(f.y - h));
    } else if (u_setting == 5) {                        // rolling hills, three layers
        for (int i = 0; i < 3; i++) {
            float fi = float(i);
            vec2 q = mix(f, p, fi / 2.0);
            float h = hz + 0.06 - fi * 0.12 + ridge(q.x, 2.0 + fi * 1.2, 0.05, 1.0 + fi * 2.0);
            vec3 c = mix(haze(u_land_far, 0.35), u_land, fi / 2.0);
            c = grass(q, c);
            if (i == 2) c *= 0.92 + 0.08 * sin(q.y * 140.0 + q.x * 9.0);          // furrows of the near field
            if (i == 2) {                                // the near field: a patchwork of fields and hedgerows
                vec2 cell = vec2(q.x * 2.2 + 0.35 * sin(q.y * 9.0), (h - q.y) * 5.0);
                c *= 0.86 + 0.26 * hash1(floor(cell) + 7.0);
                vec2 e = abs(fract(cell) - 0.5);
                c = mix(c, u_land * 0.5, smoothstep(0.46, 0.49, max(e.x, e.y)) * 0.55);
            }
            col = mix(col, c, cover_world(q.y - h));
        }
    } else if (u_setting == 6) {                        // mountains with snow caps
        col = far_mountains(f, col, hz, 0.32);
        float near = hz - 0.08 + ridge(p.x, 2.5, 0.05, 7.0);
        col = mix(col, grass(p, u_land), cover_world(p.y - near));
    } else if (u_setting == 7) {                        // forest: rows of pines
        if (p.y < hz + 0.05) col = grass(p, u_land * 0.8);
        for (int row = 0; row < 3; row++) {
            float fr = float(row);
            vec2 q = mix(f, p, fr / 2.0);
            float spacing = 0.09 + fr * 0.05;
            float base = hz + 0.02 - fr * 0.13;
            float cx = floor(q.x / spacing);
            for (int k = -1; k <= 1; k++) {
                float ci = cx + float(k);
                float hsh = hash1(vec2(ci, fr + 11.0));
                float x0 = (ci + 0.5 + (hsh - 0.5) * 0.5) * spacing;
                float height = (0.2 + fr * 0.12) * (0.75 + 0.5 * hsh);
                float width = height * 0.32;
                vec2 t = q - vec2(x0, base);
                float d = sd_tri(t, vec2(-width, 0.05 * height), vec2(width, 0.05 * height), vec2(0.0, height));
                d = min(d, sd_tri(t, vec2(-width * 0.8, 0.35 * height), vec2(width * 0.8, 0.35 * height), vec2(0.0, height * 1.08)));
                float trunk = sd_box(t - vec2(0.0, -0.01), vec2(width * 0.12, 0.06 * height));
                vec3 green = mix(haze(u_land_far, 0.4 - fr * 0.2), u_land, fr / 2.0);
                green *= 0.8 + 0.35 * smoothstep(-width, width, t.x);
                col = mix(col, vec3(0.3, 0.2, 0.12), cover_world(trunk));
                col = mix(col, green, cover_world(d));
            }
        }
    } else if (u_setting == 8) {                        // desert dunes
        for (int i = 0; i < 3; i++) {
            float fi = float(i);
            vec2 q = mix(f, p, fi / 2.0);
            float h = hz + 0.06 - fi * 0.12 + 0.07 * sin(q.x * (2.2 + fi) + fi * 2.0) + 0.025 * sin(q.x * 5.3 + fi);
            float slope = cos(q.x * (2.2 + fi) + fi * 2.0);
            vec3 c = mix(haze(u_land, 0.3), u_land, fi / 2.0);
            c = mix(c, mix(c, u_accent, 0.5) * 0.8, smoothstep(-0.2, 0.6, slope) * 0.55);
            c *= 0.94 + 0.08 * sin(q.y * 220.0 + 6.0 * sin(q.x * 8.0));
            col = mix(col, c, cover_world(q.y - h));
        }
    } else if (u_setting == 9) {                        // snow field under low far hills
        float far = hz + 0.04 + ridge(f.x, 3.0, 0.03, 2.0);
        col = mix(col, haze(u_land_far, 0.45), cover_world(f.y - far));
        if (p.y < hz + 0.005) {
            float shade = 0.9 + 0.1 * sin(p.x * 5.0 + sin(p.y * 30.0)) + 0.05 * fbm_texture(p * 20.0);
            col = mix(u_land * shade, u_land * vec3(0.86, 0.9, 1.0), smoothstep(0.3, 0.7, fbm(p * vec2(3.0, 12.0))) * 0.4);
        }
    } else if (u_setting == 10 || u_setting == 11) {   // city skyline / street
        bool street = u_setting == 11;
        for (int row = 0; row < 2; row++) {
            float fr = float(row);
            vec2 q = mix(f, p, fr);
            float spacing = street ? 0.3 : 0.07 + fr * 0.05;
            float base = street ? hz - 0.12 : hz;
            float cx = floor(q.x / spacing);
            float h = hash1(vec2(cx, fr + 2.0));
            float top = base + (street ? 0.45 + 0.2 * h : (0.12 + 0.3 * h) * (1.0 - 0.35 * fr) + 0.04);
            float local = q.x - cx * spacing;
            float gap = street ? 0.01 : spacing * 0.08;
            bool inside = q.y < top && q.y > base - 0.01 && local > gap && local < spacing - gap;
            if (inside) {
                vec3 facade = street ? mix(u_accent, u_land_far, hash1(vec2(cx, 9.0))) * (0.75 + 0.3 * h)
                                     : mix(u_land_far, u_accent, 0.35 * fr) * (0.55 + 0.25 * h + 0.2 * fr);
                // Skyline windows at least a few pixels wide, so their light survives chroma subsampling.
                vec2 wcell = vec2(local / (street ? 0.05 : 0.04), (top - q.y) / (street ? 0.07 : 0.05));
                vec2 wf = fract(wcell);
                bool window = wf.x > 0.28 && wf.x < 0.78 && wf.y > 0.3 && wf.y < 0.75 && local > gap * 3.0
                              && local < spacing - gap * 3.0 && (top - q.y) > 0.02;
                if (window) {
                    float lit = step(1.0 - u_windows_lit, hash1(floor(wcell) + cx * 7.0 + fr));
                    facade = mix(mix(facade * 0.5, u_sky_low, 0.35), vec3(1.0, 0.76, 0.34), lit);
                }
                col = facade;
            }
        }
        if (p.y < hz - (street ? 0.12 : 0.0)) {
            if (street) {
                col = vec3(0.5, 0.5, 0.52) * u_land;                                   // pavement
                if (p.y < hz - 0.2) {
                    col = u_land * 0.35;                                               // asphalt
                    float lane = step(0.5, fract(p.x * 3.0)) * smoothstep(0.006, 0.0, abs(p.y - (hz - 0.35)));
                    col = mix(col, vec3(0.95, 0.9, 0.7), lane);
                }
            } else if (p.y > hz - 0.3) {
                col = water_surface(p, mix(sky_color(vec2(p.x, 2.0 * hz - p.y)), vec3(1.0, 0.8, 0.4), u_windows_lit * 0.3), 0.6);
            } else {                                                                   // the waterfront road
                col = u_land * (0.55 + 0.08 * fbm_texture(p * 30.0));
                float lane = step(0.5, fract(p.x * 3.0)) * smoothstep(0.005, 0.0, abs(p.y - (hz - 0.42)));
                col = mix(col, vec3(0.9, 0.88, 0.75), lane);
                col = mix(col, u_land * 0.9, smoothstep(0.012, 0.0, abs(p.y - (hz - 0.3))));
            }
        }
        if (street) {                                                                  // lamp posts
            float lx = mod(p.x + 0.15, 0.6) - 0.3;
            float pole = sd_box(vec2(lx, p.y - (hz - 0.02)), vec2(0.004, 0.11));
            float lamp = length(vec2(lx - 0.0, p.y - (hz + 0.095))) - 0.012;
            col = mix(col, vec3(0.12), cover_world(pole));
            col = mix(col, vec3(1.0, 0.9, 0.6), cover_world(lamp));
            col += vec3(1.0, 0.85, 0.5) * 0.25 * u_windows_lit * exp(-length(vec2(lx, p.y - hz - 0.09)) * 18.0);
        }
    } else if (u_setting == 12) {                       // a room: wall, window onto the sky, floor, picture
        vec3 wall = u_accent * (0.92 + 0.06 * fbm(p * 8.0)) * (1.0 - 0.25 * smoothstep(0.0, 0.9, abs(p.x)));
        col = wall;
        vec2 w = p - vec2(-0.35, 0.12);
        if (abs(w.x) < 0.2 && abs(w.y) < 0.17) {
            col = draw_sky(vec2(w.x * 2.0, hz + 0.08 + (w.y + 0.17) * 1.8));
            if (abs(w.x) < 0.006 || abs(w.y) < 0.006) col = wall * 0.6;
        }
        float frame = sd_box(w, vec2(0.21, 0.18)) ;
        col = mix(col, wall * 0.55, smoothstep(px, 0.0, abs(frame) - 0.006));
        vec2 art = p - vec2(0.35, 0.16);
        if (abs(art.x) < 0.12 && abs(art.y) < 0.09) col = mix(u_land_far, u_sky_top, smoothstep(-0.09, 0.09, art.y + 0.03 * sin(art.x * 30.0)));
        col = mix(col, vec3(0.18, 0.12, 0.08), smoothstep(px, 0.0, abs(sd_box(art, vec2(0.125, 0.095))) - 0.006));
        if (p.y < -0.16) {
            col = u_land * (0.85 + 0.12 * step(0.5, fract(p.x * 7.0 + step(0.5, fract(p.y * 14.0)) * 0.5)));
            col *= 0.8 + 0.2 * smoothstep(-0.5, -0.16, p.y);
        }
        col = mix(col, wall * 0.7, smoothstep(0.008, 0.0, abs(p.y + 0.16)));
        if (u_sun_kind == 1) col += u_sun_color * 0.12 * exp(-length(p - vec2(-0.35, -0.25)) * 4.0);
    } else if (u_setting == 13) {                       // underwater: light shafts, caustics, sea floor, weed
        float depth = clamp(0.5 - p.y, 0.0, 1.0);
        col = mix(u_water * 1.3 + 0.06, u_water * 0.45, depth);
        float shafts = pow(0.5 + 0.5 * sin(p.x * 9.0 + p.y * 3.0 + sin(u_time * 0.4) * 0.6), 6.0) * (1.0 - depth);
        col += vec3(0.55, 0.75, 0.8) * shafts * 0.35;
        float floor_y = -0.34 + 0.04 * sin(p.x * 3.0);
        if (p.y < floor_y) {
            col = u_land * (0.75 + 0.2 * fbm_texture(p * 25.0));
            col += vec3(0.3, 0.5, 0.5) * 0.25 * smoothstep(0.6, 0.9, fbm_texture(p * 16.0 + u_time * 0.3));
        }
        for (int k = -3; k <= 3; k++) {
            float bx = float(k) * 0.3 + 0.1 * hash1(vec2(float(k), 5.0));
            float sway = 0.04 * sin(u_time * 1.2 + float(k) + p.y * 6.0) * (p.y + 0.5);
            float weed = abs(p.x - bx - sway) - 0.012 * (1.0 - (p.y + 0.5) * 1.2);
            float top = -0.05 - 0.12 * hash1(vec2(float(k), 8.0));
            if (p.y < top) col = mix(col, vec3(0.1, 0.45, 0.25) * (0.8 + 0.3 * hash1(vec2(float(k), 2.0))), cover_world(weed));
        }
        vec2 bubble = vec2(p.x * 8.0, p.y * 8.0 - u_time * 0.9);
        vec2 bc = floor(bubble);
        if (hash1(bc) > 0.88) {
            vec2 o = bc + vec2(0.5 + 0.2 * sin(u_time + bc.y), 0.5);
            float r = 0.12 + 0.1 * hash1(bc + 2.0);
            float ring = abs(length(bubble - o) - r) - 0.025;
            col = mix(col, vec3(0.85, 0.95, 1.0), (1.0 - smoothstep(0.0, 0.03, ring)) * 0.7);
        }
    } else if (u_setting == 14) {                       // space: nebula behind the stars
        float n = fbm(f * 2.5 + 3.0);
        col = mix(col, u_accent * 0.7, smoothstep(0.45, 0.85, n) * 0.55);
        col = mix(col, u_land_far * 0.6, smoothstep(0.6, 0.95, fbm(f * 4.0 + 9.0)) * 0.4);
        vec2 g = f * 42.0;
        vec2 cell = floor(g);
        float h = hash1(cell);
        if (h > 0.7 && u_stars > 0.0) {
            vec2 c = cell + vec2(hash1(cell + 3.1), hash1(cell + 7.7));
            float r = max(1.6 * px * 42.0, 0.05 + 0.07 * hash1(cell + 1.3));
            col = mix(col, vec3(1.0, 0.97, 0.9), (1.0 - smoothstep(r * 0.35, r, length(g - c))) * (0.7 + 0.3 * sin(u_time * 3.0 + h * 30.0)));
        }
    }
    return col;
}

// ---------- subjects (local units: about [-1, 1] square, facing right) ----------
void draw_subject(inout vec4 col, int kind, vec2 q, vec3 c, float ph) {
    vec3 dark = vec3(0.09, 0.09, 0.1);
    vec3 glass = mix(vec3(0.55, 0.7, 0.85), u_sky_low, 0.35);
    vec3 skin = vec3(0.93, 0.74, 0.6);
    if (kind <= 1) {                                   // car, taxi
        body(col, sd_rbox(q - vec2(0.0, -0.2), vec2(0.95, 0.28), 0.12), c, q);
        body(col, sd_rbox(q - vec2(-0.08, 0.2), vec2(0.52, 0.26), 0.18), c, q);
        paint(col, sd_rbox(q - vec2(-0.32, 0.22), vec2(0.2, 0.15), 0.05), glass);
        paint(col, sd_rbox(q - vec2(0.16, 0.22), vec2(0.2, 0.15), 0.05), glass);
        if (kind == 1) {
            paint(col, sd_box(q - vec2(-0.05, 0.52), vec2(0.16, 0.07)), vec3(0.95, 0.95, 0.9));
            float checks = step(0.5, fract(q.x * 6.0));
            paint(col, sd_box(q - vec2(0.0, -0.2), vec2(0.9, 0.045)), mix(dark, vec3(0.95), checks));
        }
        paint(col, sd_circle(q - vec2(0.88, -0.12), 0.07), vec3(1.0, 0.95, 0.7));
        paint(col, sd_circle(q - vec2(-0.9, -0.12), 0.05), vec3(0.9, 0.1, 0.1));
        for (int i = 0; i < 2; i++) {
            vec2 w = q - vec2(i == 0 ? -0.55 : 0.55, -0.5);
            paint(col, sd_circle(w, 0.24), dark);
            paint(col, sd_circle(w, 0.1), vec3(0.7));
            paint(col, sd_box(mat2(cos(ph), -sin(ph), sin(ph), cos(ph)) * w, vec2(0.1, 0.015)), vec3(0.4));
        }
    } else if (kind == 2) {                            // bus
        body(col, sd_rbox(q - vec2(0.0, 0.0), vec2(1.0, 0.5), 0.1), c, q);
        for (int i = 0; i < 5; i++) paint(col, sd_rbox(q - vec2(-0.72 + float(i) * 0.33, 0.17), vec2(0.13, 0.14), 0.03), glass);
        paint(col, sd_box(q - vec2(0.0, -0.12), vec2(0.98, 0.03)), vec3(0.95));
        paint(col, sd_rbox(q - vec2(0.86, -0.12), vec2(0.07, 0.28), 0.02), glass * 0.8);
        for (int i = 0; i < 2; i++) { vec2 w = q - vec2(i == 0 ? -0.6 : 0.6, -0.55); paint(col, sd_circle(w, 0.2), dark); paint(col, sd_circle(w, 0.08), vec3(0.7)); }
    } else if (kind == 3) {                            // bicycle
        for (int i = 0; i < 2; i++) {
            vec2 w = q - vec2(i == 0 ? -0.55 : 0.55, -0.4);
            paint(col, abs(sd_circle(w, 0.36)) - 0.045, dark);
            for (int s = 0; s < 4; s++) { float a = ph + float(s) * 0.785; paint(col, sd_seg(w, -0.33 * vec2(cos(a), sin(a)), 0.33 * vec2(cos(a), sin(a)), 0.008), vec3(0.6)); }
        }
        float t = 0.05;
        paint(col, sd_seg(q, vec2(-0.55, -0.4), vec2(-0.05, -0.4), t), c);
        paint(col, sd_seg(q, vec2(-0.05, -0.4), vec2(0.4, 0.05), t), c);
        paint(col, sd_seg(q, vec2(-0.55, -0.4), vec2(-0.2, 0.05), t), c);
        paint(col, sd_seg(q, vec2(-0.2, 0.05), vec2(0.4, 0.05), t), c);
        paint(col, sd_seg(q, vec2(-0.05, -0.4), vec2(-0.22, 0.15), t), c);
        paint(col, sd_seg(q, vec2(0.4, 0.05), vec2(0.55, -0.4), t), c);
        paint(col, sd_seg(q, vec2(0.4, 0.05), vec2(0.35, 0.28), t), dark);
        paint(col, sd_seg(q, vec2(0.25, 0.3), vec2(0.45, 0.3), 0.035), dark);
        paint(col, sd_rbox(q - vec2(-0.24, 0.2), vec2(0.12, 0.035), 0.03), dark);
    } else if (kind == 4) {                            // train
        body(col, sd_rbox(q - vec2(-0.1, -0.1), vec2(0.9, 0.35), 0.06), c, q);
        body(col, sd_rbox(q - vec2(-0.6, 0.35), vec2(0.35, 0.22), 0.04), c * 0.85, q);
        paint(col, sd_rbox(q - vec2(-0.6, 0.36), vec2(0.18, 0.1), 0.03), glass);
        paint(col, sd_box(q - vec2(0.5, 0.35), vec2(0.09, 0.14)), dark);
        paint(col, sd_trap(q - vec2(0.92, -0.2), 0.02, 0.14, 0.22), c * 0.7);
        paint(col, sd_box(q - vec2(-0.1, -0.05), vec2(0.9, 0.04)), vec3(0.95, 0.8, 0.2));
        paint(col, sd_circle(q - vec2(0.88, 0.0), 0.06), vec3(1.0, 0.95, 0.7));
        for (int i = 0; i < 4; i++) { vec2 w = q - vec2(-0.75 + float(i) * 0.48, -0.55); paint(col, sd_circle(w, 0.17), dark); paint(col, sd_circle(w, 0.06), vec3(0.6)); }
        if (u_time > 0.0) paint(col, sd_circle(q - vec2(0.5 - 0.1 * fract(ph * 0.3), 0.6 + 0.25 * fract(ph * 0.3)), 0.12 + 0.1 * fract(ph * 0.3)), vec3(0.85) * (1.0 - 0.6 * fract(ph * 0.3)));
    } else if (kind == 5) {                            // sailing boat
        paint(col, sd_seg(q, vec2(0.0, -0.3), vec2(0.0, 0.95), 0.03), vec3(0.35, 0.25, 0.15));
        body(col, sd_tri(q, vec2(0.06, 0.9), vec2(0.06, -0.22), vec2(0.75, -0.22)), vec3(0.97, 0.96, 0.92), q);
        body(col, sd_tri(q, vec2(-0.06, 0.7), vec2(-0.06, -0.22), vec2(-0.5, -0.22)), vec3(0.93, 0.92, 0.88), q);
        body(col, sd_trap(q - vec2(0.0, -0.45), 0.95, 0.6, 0.18), c, q);
        paint(col, sd_box(q - vec2(0.0, -0.33), vec2(0.9, 0.025)), c * 0.5);
    } else if (kind == 6) {                            // ship
        body(col, sd_trap(q - vec2(0.0, -0.45), 1.0, 0.8, 0.2), c, q);
        paint(col, sd_box(q - vec2(0.0, -0.55), vec2(0.85, 0.05)), vec3(0.7, 0.12, 0.1));
        body(col, sd_box(q - vec2(-0.15, -0.1), vec2(0.55, 0.15)), vec3(0.93, 0.93, 0.9), q);
        body(col, sd_box(q - vec2(-0.3, 0.17), vec2(0.3, 0.12)), vec3(0.93, 0.93, 0.9), q);
        for (int i = 0; i < 6; i++) paint(col, sd_circle(q - vec2(-0.6 + float(i) * 0.18, -0.1), 0.035), glass * 0.7);
        body(col, sd_trap(q - vec2(0.25, 0.2), 0.1, 0.13, 0.22), vec3(0.85, 0.2, 0.12), q);
        paint(col, sd_box(q - vec2(0.25, 0.36), vec2(0.11, 0.05)), dark);
    } else if (kind == 7) {                            // whale
        vec2 t = q - vec2(-0.9, 0.05 + 0.1 * sin(ph));
        body(col, sd_tri(t, vec2(0.15, 0.0), vec2(-0.2, 0.3), vec2(-0.2, -0.22)), c, q);
        body(col, sd_ellipse(q - vec2(0.05, 0.0), vec2(0.9, 0.38)), c, q);
        paint(col, sd_ellipse(q - vec2(0.15, -0.2), vec2(0.7, 0.15)), mix(c, vec3(0.92), 0.6));
        paint(col, sd_ellipse(q - vec2(0.1, -0.32), vec2(0.22, 0.08)), c * 0.7);
        paint(col, sd_circle(q - vec2(0.6, 0.02), 0.04), dark);
        paint(col, sd_seg(q, vec2(0.72, -0.12), vec2(0.92, -0.05), 0.012), c * 0.5);
    } else if (kind == 8) {                            // fish
        vec2 t = q - vec2(-0.62, 0.0);
        float wag = 0.15 * sin(ph);
        body(col, sd_tri(t, vec2(0.15, 0.0), vec2(-0.35, 0.35 + wag), vec2(-0.35, -0.35 + wag)), c * 0.9, q);
        body(col, sd_ellipse(q - vec2(0.05, 0.0), vec2(0.65, 0.36)), c, q);
        for (int i = 0; i < 3; i++) paint(col, abs(q.x - 0.05 + float(i) * 0.22) - 0.03 + 10.0 * max(sd_ellipse(q - vec2(0.05, 0.0), vec2(0.6, 0.31)), 0.0), c * 1.2 + 0.1);
        paint(col, sd_tri(q, vec2(-0.1, 0.3), vec2(0.2, 0.3), vec2(-0.2, 0.55)), c * 0.8);
        paint(col, sd_circle(q - vec2(0.45, 0.08), 0.08), vec3(0.97));
        paint(col, sd_circle(q - vec2(0.47, 0.08), 0.04), dark);
    } else if (kind == 9) {                            // hot-air balloon
        paint(col, sd_seg(q, vec2(-0.35, 0.0), vec2(-0.16, -0.65), 0.012), vec3(0.3));
        paint(col, sd_seg(q, vec2(0.35, 0.0), vec2(0.16, -0.65), 0.012), vec3(0.3));
        float env = min(sd_circle(q - vec2(0.0, 0.3), 0.62), sd_tri(q, vec2(-0.52, 0.0), vec2(0.52, 0.0), vec2(0.0, -0.45)) );
        body(col, env, c, q);
        float stripe = step(0.5, fract(atan(q.x, 0.75) * 3.0));
        paint(col, env + 0.04 + 10.0 * (1.0 - stripe), mix(c, vec3(1.0, 0.95, 0.6), 0.55) * (0.85 + 0.3 * clamp(q.y * 0.5 + 0.5, 0.0, 1.0)));
        body(col, sd_rbox(q - vec2(0.0, -0.78), vec2(0.18, 0.14), 0.03), vec3(0.55, 0.38, 0.2), q);
    } else if (kind == 10) {                           // bird: a flapping gull
        float up = 0.35 * sin(ph);
        paint(col, sd_seg(q, vec2(0.0, 0.0), vec2(-0.45, 0.2 + up), 0.07), c);
        paint(col, sd_seg(q, vec2(-0.45, 0.2 + up), vec2(-0.9, 0.05 + up * 1.6), 0.05), c);
        paint(col, sd_seg(q, vec2(0.0, 0.0), vec2(0.45, 0.2 + up), 0.07), c);
        paint(col, sd_seg(q, vec2(0.45, 0.2 + up), vec2(0.9, 0.05 + up * 1.6), 0.05), c);
        paint(col, sd_ellipse(q - vec2(0.05, -0.02), vec2(0.28, 0.1)), c);
        paint(col, sd_tri(q, vec2(0.3, 0.0), vec2(0.3, -0.06), vec2(0.42, -0.03)), vec3(0.95, 0.6, 0.1));
    } else if (kind == 11) {                           // butterfly
        float open = 0.35 + 0.65 * abs(cos(ph));
        vec2 w = vec2(abs(q.x) / open, q.y);
        body(col, sd_ellipse(w - vec2(0.45, 0.28), vec2(0.45, 0.38)), c, q);
        body(col, sd_ellipse(w - vec2(0.35, -0.35), vec2(0.32, 0.28)), c * 0.85, q);
        paint(col, sd_circle(w - vec2(0.5, 0.35), 0.12), vec3(0.98, 0.95, 0.85));
        paint(col, sd_circle(w - vec2(0.55, 0.35), 0.06), dark);
        paint(col, sd_ellipse(q, vec2(0.07, 0.5)), dark);
        paint(col, sd_seg(q, vec2(0.0, 0.45), vec2(0.2, 0.8), 0.015), dark);
        paint(col, sd_seg(q, vec2(0.0, 0.45), vec2(-0.2, 0.8), 0.015), dark);
    } else if (kind == 12) {                           // plane
        body(col, sd_tri(q, vec2(-0.05, 0.0), vec2(-0.4, -0.75), vec2(-0.2, -0.75)), c * 0.8, q);
        body(col, sd_rbox(q, vec2(0.95, 0.14), 0.13), c, q);
        body(col, sd_tri(q, vec2(-0.6, 0.08), vec2(-0.95, 0.08), vec2(-0.92, 0.55)), c * 0.9, q);
        body(col, sd_tri(q, vec2(0.1, 0.0), vec2(-0.35, 0.55), vec2(-0.15, 0.55)), c * 0.95, q);
        for (int i = 0; i < 7; i++) paint(col, sd_circle(q - vec2(-0.45 + float(i) * 0.17, 0.04), 0.03), glass * 0.7);
        paint(col, sd_rbox(q - vec2(0.78, 0.05), vec2(0.1, 0.05), 0.03), glass * 0.6);
    } else if (kind == 13) {                           // moon
        glow(col, vec3(0.9, 0.9, 0.85) * 0.25 * exp(-max(length(q) - 0.9, 0.0) * 5.0), q);
        vec3 face = c * (0.85 + 0.15 * fbm(q * 4.0 + 7.0));
        face *= 1.0 - 0.2 * (1.0 - smoothstep(0.15, 0.22, length(q - vec2(0.3, 0.3))));
        face *= 1.0 - 0.16 * (1.0 - smoothstep(0.2, 0.28, length(q - vec2(-0.35, -0.1))));
        face *= 1.0 - 0.12 * (1.0 - smoothstep(0.1, 0.15, length(q - vec2(0.1, -0.45))));
        paint(col, sd_circle(q, 0.9), face);
    } else if (kind == 14) {                           // sun
        glow(col, c * 0.5 * exp(-max(length(q) - 0.6, 0.0) * 3.0), q);
        float a = atan(q.y, q.x) * 6.0 + ph * 0.2;
        paint(col, sd_circle(q, 0.62 + 0.12 * smoothstep(0.3, 1.0, cos(a))), mix(c, vec3(1.0), 0.2));
        paint(col, sd_circle(q, 0.6), mix(c, vec3(1.0, 1.0, 0.9), 0.35 * (1.0 - length(q))));
    } else if (kind == 15) {                           // ringed planet
        vec2 r = mat2(0.94, 0.34, -0.34, 0.94) * q;
        float ring = abs(sd_ellipse(r, vec2(0.95, 0.22))) - 0.05;
        if (r.y > 0.0) paint(col, ring, mix(c, vec3(0.9, 0.85, 0.7), 0.5));
        vec3 bands = c * (0.8 + 0.25 * sin(r.y * 18.0 + sin(r.x * 4.0)));
        bands *= 0.6 + 0.5 * clamp(0.6 - dot(q, vec2(0.5, -0.4)), 0.0, 1.0);
        paint(col, sd_circle(q, 0.55), bands);
        if (r.y <= 0.0) paint(col, ring, mix(c, vec3(0.9, 0.85, 0.7), 0.5));
    } else if (kind == 16) {                           // star
        float tw = 0.85 + 0.15 * sin(ph);
        glow(col, c * 0.45 * exp(-length(q) * 3.0) * tw, q);
        paint(col, sd_star5(q, 0.8 * tw, 0.45), c);
    } else if (kind == 17) {                           // tree (sways from the trunk up)
        q.x -= 0.08 * sin(ph) * max(q.y + 0.5, 0.0);
        body(col, sd_trap(q - vec2(0.0, -0.62), 0.07, 0.13, 0.38), vec3(0.42, 0.27, 0.14), q);
        float canopy = min(sd_circle(q - vec2(0.0, 0.35), 0.5), min(sd_circle(q - vec2(-0.38, 0.02), 0.38), sd_circle(q - vec2(0.38, 0.02), 0.38)));
        body(col, canopy, c, q);
        paint(col, sd_circle(q - vec2(-0.15, 0.5), 0.16), c * 1.25);
    } else if (kind == 18 || kind == 19) {             // flower, rose
        q.x -= 0.06 * sin(ph) * (q.y + 1.0);
        vec3 leaf = vec3(0.2, 0.55, 0.22);
        paint(col, sd_seg(q, vec2(0.0, -1.0), vec2(0.0, 0.3), 0.045), leaf * 0.8);
        paint(col, sd_ellipse(mat2(0.8, -0.6, 0.6, 0.8) * (q - vec2(0.18, -0.45)), vec2(0.2, 0.08)), leaf);
        paint(col, sd_ellipse(mat2(0.8, 0.6, -0.6, 0.8) * (q - vec2(-0.18, -0.2)), vec2(0.2, 0.08)), leaf);
        vec2 b = q - vec2(0.0, 0.42);
        if (kind == 18) {
            float a = atan(b.y, b.x);
            float petals = length(b) - (0.32 + 0.14 * cos(a * 6.0));
            body(col, petals, c, q);
            paint(col, sd_circle(b, 0.14), vec3(0.98, 0.8, 0.15));
        } else {
            for (int i = 0; i < 3; i++) paint(col, sd_tri(q, vec2(0.04, -0.6 + float(i) * 0.3), vec2(0.04, -0.52 + float(i) * 0.3), vec2(0.13, -0.58 + float(i) * 0.3)), leaf * 0.7);
            float cup = min(sd_circle(b - vec2(0.0, 0.02), 0.34), sd_trap(b - vec2(0.0, -0.18), 0.32, 0.12, 0.16));
            body(col, cup, c, q);
            float swirl = abs(sin(atan(b.y - 0.06, b.x) * 1.0 + length(b - vec2(0.0, 0.06)) * 26.0)) - 0.18;
            paint(col, swirl + 10.0 * max(sd_circle(b - vec2(0.0, 0.06), 0.24), 0.0), c * 0.55);
        }
    } else if (kind == 20 || kind == 21) {             // person, dancer
        float swing = kind == 20 ? sin(ph) : 0.5 * sin(ph * 0.5);
        vec3 cloth = c, legs = kind == 20 ? vec3(0.16, 0.2, 0.32) : skin * 0.9;
        paint(col, sd_seg(q, vec2(-0.05, -0.25), vec2(-0.05 - 0.25 * swing, -0.95), 0.075), legs);
        paint(col, sd_seg(q, vec2(0.05, -0.25), vec2(0.05 + 0.25 * swing, -0.95), 0.075), legs);
        if (kind == 20) {
            body(col, sd_rbox(q - vec2(0.0, 0.1), vec2(0.2, 0.38), 0.12), cloth, q);
            paint(col, sd_seg(q, vec2(0.0, 0.38), vec2(0.24 * swing, -0.2), 0.06), cloth * 0.8);
        } else {
            body(col, sd_trap(q - vec2(0.0, -0.15), 0.12, 0.42, 0.22), cloth, q);
            body(col, sd_rbox(q - vec2(0.0, 0.28), vec2(0.14, 0.2), 0.08), cloth, q);
            paint(col, sd_seg(q, vec2(-0.1, 0.42), vec2(-0.45, 0.75 + 0.15 * swing), 0.05), skin);
            paint(col, sd_seg(q, vec2(0.1, 0.42), vec2(0.48, 0.6 - 0.2 * swing), 0.05), skin);
        }
        body(col, sd_circle(q - vec2(0.0, 0.72), 0.17), skin, q);
        paint(col, sd_ellipse(q - vec2(-0.03, 0.82), vec2(0.17, 0.08)), vec3(0.25, 0.15, 0.08));
    } else if (kind == 22 || kind == 23) {             // cat, dog (walking)
        float step_ = 0.12 * sin(ph);
        vec3 paw = c * 0.8;
        for (int i = 0; i < 4; i++) {
            float x = (i < 2 ? -0.4 : 0.35) + (i % 2 == 0 ? 0.0 : 0.1);
            float s = (i % 2 == 0 ? step_ : -step_);
            paint(col, sd_seg(q, vec2(x, -0.3), vec2(x + s, -0.85), 0.07), paw);
        }
        if (kind == 22) {
            paint(col, sd_seg(q, vec2(-0.55, -0.2), vec2(-0.85, 0.25 + 0.1 * sin(ph * 0.5)), 0.05), c);
            body(col, sd_ellipse(q - vec2(-0.05, -0.25), vec2(0.55, 0.24)), c, q);
            body(col, sd_circle(q - vec2(0.55, 0.08), 0.26), c, q);
            body(col, sd_tri(q, vec2(0.36, 0.22), vec2(0.5, 0.32), vec2(0.4, 0.52)), c, q);
            body(col, sd_tri(q, vec2(0.62, 0.32), vec2(0.76, 0.22), vec2(0.74, 0.52)), c, q);
            paint(col, sd_ellipse(q - vec2(0.5, 0.12), vec2(0.04, 0.06)), vec3(0.3, 0.8, 0.3));
            paint(col, sd_ellipse(q - vec2(0.68, 0.12), vec2(0.04, 0.06)), vec3(0.3, 0.8, 0.3));
            paint(col, sd_seg(q, vec2(0.72, 0.0), vec2(0.95, 0.04), 0.008), vec3(0.95));
            paint(col, sd_seg(q, vec2(0.72, -0.03), vec2(0.95, -0.06), 0.008), vec3(0.95));
        } else {
            paint(col, sd_seg(q, vec2(-0.55, -0.1), vec2(-0.75, 0.3 + 0.15 * sin(ph * 2.0)), 0.06), c);
            body(col, sd_rbox(q - vec2(-0.05, -0.2), vec2(0.6, 0.22), 0.18), c, q);
            body(col, sd_circle(q - vec2(0.55, 0.18), 0.25), c, q);
            body(col, sd_rbox(q - vec2(0.82, 0.1), vec2(0.16, 0.1), 0.08), c * 1.1, q);
            paint(col, sd_circle(q - vec2(0.97, 0.13), 0.05), vec3(0.1));
            body(col, sd_ellipse(q - vec2(0.42, 0.12), vec2(0.08, 0.2)), c * 0.6, q);
            paint(col, sd_circle(q - vec2(0.62, 0.26), 0.04), vec3(0.1));
        }
    } else if (kind == 24) {                           // horse
        float step_ = 0.14 * sin(ph);
        vec3 mane = c * 0.45;
        for (int i = 0; i < 4; i++) {
            float x = (i < 2 ? -0.45 : 0.4) + (i % 2 == 0 ? 0.0 : 0.1);
            float s = (i % 2 == 0 ? step_ : -step_);
            paint(col, sd_seg(q, vec2(x, -0.1), vec2(x + s, -0.95), 0.065), c * 0.85);
            paint(col, sd_box(q - vec2(x + s, -0.95), vec2(0.07, 0.04)), vec3(0.15));
        }
        paint(col, sd_seg(q, vec2(-0.62, 0.12), vec2(-0.85, -0.45), 0.08), mane);
        body(col, sd_ellipse(q - vec2(0.0, 0.05), vec2(0.65, 0.28)), c, q);
        body(col, sd_seg(q, vec2(0.45, 0.1), vec2(0.7, 0.55), 0.14), c, q);
        body(col, sd_seg(q, vec2(0.7, 0.55), vec2(0.98, 0.32), 0.1), c, q);
        paint(col, sd_seg(q, vec2(0.5, 0.25), vec2(0.68, 0.7), 0.05), mane);
        paint(col, sd_tri(q, vec2(0.66, 0.62), vec2(0.76, 0.66), vec2(0.68, 0.8)), c);
        paint(col, sd_circle(q - vec2(0.8, 0.5), 0.03), vec3(0.05));
    } else if (kind == 25 || kind == 26) {             // house, cabin
        vec3 roof = kind == 25 ? vec3(0.62, 0.2, 0.16) : vec3(0.3, 0.22, 0.15);
        if (kind == 26) paint(col, sd_box(q - vec2(0.45, 0.62), vec2(0.08, 0.2)), vec3(0.45, 0.3, 0.25));
        float walls = sd_box(q - vec2(0.0, -0.42), vec2(0.72, 0.5));
        body(col, walls, c, q);
        if (kind == 26) for (int i = 0; i < 7; i++) paint(col, abs(q.y + 0.85 + float(i) * 0.14) - 0.012 + 10.0 * max(walls, 0.0), c * 0.6);
        body(col, sd_tri(q, vec2(-0.88, 0.06), vec2(0.88, 0.06), vec2(0.0, 0.78)), roof, q);
        vec3 pane = mix(glass * 0.6, vec3(1.0, 0.85, 0.45), u_windows_lit);
        paint(col, sd_box(q - vec2(0.0, -0.67), vec2(0.14, 0.25)), c * 0.45);
        for (int i = 0; i < 2; i++) {
            vec2 w = q - vec2(i == 0 ? -0.42 : 0.42, -0.3);
            paint(col, sd_box(w, vec2(0.15, 0.14)), vec3(0.95));
            paint(col, sd_box(w, vec2(0.12, 0.11)), pane);
            paint(col, min(abs(w.x), abs(w.y)) - 0.012 + 10.0 * max(sd_box(w, vec2(0.12, 0.11)), 0.0), vec3(0.95));
        }
    } else if (kind == 27) {                           // lighthouse
        float beam_on = max(u_windows_lit, 0.25);
        vec2 lamp = q - vec2(0.0, 0.62);
        float ang = sin(ph * 0.4);
        vec2 dir = vec2(cos(ang * 0.6), sin(ang * 0.6) * 0.2);
        float along = dot(lamp, dir);
        float across = abs(dot(lamp, vec2(-dir.y, dir.x)));
        // The beam reaches far beyond the tower (its box is widened for it): it fades before the box's edge.
        if (along > 0.0) col.rgb += vec3(1.0, 0.95, 0.7) * 1.4 * beam_on * smoothstep(0.08 + along * 0.16, 0.0, across)
            * exp(-along * 0.25) * (1.0 - smoothstep(LIGHTHOUSE_REACH - 0.8, LIGHTHOUSE_REACH - 0.1, abs(q.x)));
        float tower = sd_trap(q - vec2(0.0, -0.25), 0.2, 0.34, 0.7);
        body(col, tower, c, q);
        float band = step(0.5, fract((q.y + 1.0) * 2.2));
        paint(col, tower + 0.035 + 10.0 * band, vec3(0.82, 0.12, 0.12));
        paint(col, sd_box(q - vec2(0.0, 0.48), vec2(0.3, 0.04)), vec3(0.15));
        paint(col, sd_box(lamp, vec2(0.17, 0.12)), vec3(1.0, 0.92, 0.55));
        paint(col, sd_tri(q, vec2(-0.22, 0.74), vec2(0.22, 0.74), vec2(0.0, 0.98)), vec3(0.15));
    } else if (kind == 28) {                           // castle
        for (int i = 0; i < 2; i++) {
            float x = i == 0 ? -0.7 : 0.7;
            body(col, sd_box(q - vec2(x, -0.2), vec2(0.2, 0.78)), c * 0.92, q);
            body(col, sd_tri(q, vec2(x - 0.26, 0.58), vec2(x + 0.26, 0.58), vec2(x, 1.0)), vec3(0.35, 0.2, 0.5), q);
        }
        float wall = sd_box(q - vec2(0.0, -0.4), vec2(0.55, 0.58));
        float merlons = sd_box(vec2(mod(q.x + 0.05, 0.2) - 0.1, q.y - 0.23), vec2(0.05, 0.06));
        body(col, min(wall, max(merlons, abs(q.x) - 0.55)), c, q);
        paint(col, min(sd_box(q - vec2(0.0, -0.75), vec2(0.17, 0.23)), sd_circle(q - vec2(0.0, -0.52), 0.17)), vec3(0.2, 0.14, 0.1));
        for (int i = 0; i < 3; i++) paint(col, sd_box(q - vec2(-0.7 + float(i) * 0.7, 0.25 - (i == 1 ? 0.25 : 0.0)), vec2(0.04, 0.08)), mix(vec3(0.15), vec3(1.0, 0.8, 0.4), u_windows_lit));
    } else if (kind == 29) {                           // skyscraper
        body(col, sd_box(q - vec2(0.0, -0.05), vec2(0.34, 0.95)), c, q);
        paint(col, sd_seg(q, vec2(0.0, 0.9), vec2(0.0, 1.0), 0.015), vec3(0.3));
        vec2 w = vec2((q.x + 0.34) / 0.1, (q.y + 1.0) / 0.08);
        vec2 wf = fract(w);
        float pane = max(sd_box(q - vec2(0.0, -0.05), vec2(0.28, 0.88)), 0.0) * 10.0 + ((wf.x > 0.25 && wf.x < 0.75 && wf.y > 0.3 && wf.y < 0.75) ? -1.0 : 1.0);
        float lit = step(1.0 - u_windows_lit * 0.8, hash1(floor(w)));
        paint(col, pane, mix(mix(glass, u_sky_low, 0.4) * 0.8, vec3(1.0, 0.85, 0.45), lit));
    } else if (kind == 30) {                           // suspension bridge
        for (int i = 0; i < 2; i++) body(col, sd_box(q - vec2(i == 0 ? -0.55 : 0.55, 0.05), vec2(0.06, 0.6)), c, q);
        float sag = 0.55 - 0.5 * (1.0 - pow(abs(abs(q.x) - 0.55) / 0.55, 2.0));
        if (abs(q.x) < 0.55) paint(col, abs(q.y - (0.1 + 0.5 * pow(abs(q.x) / 0.55, 2.0))) - 0.015, c);
        else paint(col, abs(q.y - (0.6 - 0.7 * (abs(q.x) - 0.55) / 0.45)) - 0.015, c);
        if (mod(q.x + 0.05, 0.1) < 0.012 && q.y > -0.2 && q.y < 0.6 - 0.0 * sag) {
            float cable = abs(q.x) < 0.55 ? 0.1 + 0.5 * pow(abs(q.x) / 0.55, 2.0) : 0.6 - 0.7 * (abs(q.x) - 0.55) / 0.45;
            if (q.y < cable) paint(col, -1.0, c * 0.9);
        }
        body(col, sd_box(q - vec2(0.0, -0.24), vec2(1.0, 0.05)), c * 0.85, q);
    } else if (kind == 31) {                           // mountain peak with snow
        float m = sd_tri(q, vec2(-1.0, -1.0), vec2(1.0, -1.0), vec2(0.05, 0.9));
        body(col, m, c, q);
        paint(col, max(m, 0.35 - q.y + 0.06 * sin(q.x * 25.0)), vec3(0.96, 0.97, 1.0));
        paint(col, max(m, -q.x + 0.05 + 0.3 * (0.9 - q.y)) - 0.0 + 10.0 * step(q.y, 0.3), vec3(0.85, 0.87, 0.93));
    } else if (kind == 32) {                           // fire: logs and flickering flames
        paint(col, sd_seg(q, vec2(-0.6, -0.85), vec2(0.6, -0.7), 0.09), vec3(0.35, 0.2, 0.1));
        paint(col, sd_seg(q, vec2(-0.6, -0.7), vec2(0.6, -0.85), 0.09), vec3(0.42, 0.25, 0.12));
        for (int layer = 0; layer < 3; layer++) {
            float s = 1.0 - float(layer) * 0.3;
            vec2 f = q - vec2(0.0, -0.6);
            f.x += 0.08 * sin(f.y * 6.0 + ph * 3.0) * s;
            f /= s;
            float flame = min(sd_circle(f - vec2(0.0, 0.3), 0.38), sd_tri(f, vec2(-0.36, 0.4), vec2(0.36, 0.4), vec2(0.05 * sin(ph * 2.0), 1.35 + 0.1 * sin(ph * 5.0))));
            vec3 fc = layer == 0 ? c : layer == 1 ? vec3(1.0, 0.75, 0.15) : vec3(1.0, 0.97, 0.75);
            paint(col, flame * s, fc);
        }
        glow(col, c * 0.15 * exp(-length(q - vec2(0.0, -0.2)) * 2.0), q);
    } else if (kind == 33) {                           // candle
        glow(col, vec3(1.0, 0.78, 0.4) * 0.55 * exp(-length(q - vec2(0.0, 0.3)) * 1.6), q);
        body(col, sd_rbox(q - vec2(0.0, -0.45), vec2(0.24, 0.52), 0.04), c, q);
        paint(col, sd_seg(q, vec2(0.0, 0.07), vec2(0.0, 0.17), 0.015), vec3(0.1));
        vec2 f = q - vec2(0.02 * sin(ph * 3.0), 0.2);
        float flame = min(sd_circle(f - vec2(0.0, 0.1), 0.1), sd_tri(f, vec2(-0.095, 0.12), vec2(0.095, 0.12), vec2(0.0, 0.45 + 0.04 * sin(ph * 5.0))));
        paint(col, flame, vec3(1.0, 0.72, 0.2));
        paint(col, flame + 0.04, vec3(1.0, 0.97, 0.8));
    } else if (kind == 34) {                           // fireworks: bursts of sparks opening, drooping and fading
        for (int b = 0; b < 3; b++) {
            float fb = float(b);
            float life = ph * 0.16 + fb * 0.37;          // scene_build.FIREWORK_LIFE_RATE, FIREWORK_OFFSETS
            float cycle = fract(life);
            vec2 centre = vec2(-0.75 + 0.75 * fb, 0.2 * sin(fb * 2.3 + floor(life) * 1.7));
            vec3 spark_colour = b == 0 ? c : b == 1 ? vec3(0.35, 0.9, 1.0) : vec3(1.0, 0.85, 0.3);
            float radius = 0.65 * sqrt(cycle);
            float fade = (1.0 - smoothstep(0.5, 1.0, cycle)) * smoothstep(0.0, 0.05, cycle);
            float light = 0.0;
            for (int k = 0; k < 14; k++) {
                float a = float(k) * 0.44880 + fb;
                vec2 at = centre + radius * vec2(cos(a), sin(a)) - vec2(0.0, 0.18 * cycle * cycle);
                vec2 tail = at - (centre - vec2(0.0, 0.18 * cycle * cycle)) ;
                float d = sd_seg(q, at - tail * 0.35, at, 0.0);
                light += exp(-d * d * 900.0) + 0.5 * exp(-d * d * 90.0);
            }
            col.rgb += spark_colour * min(light, 1.6) * fade;
        }
    }
}

// ---------- weather over everything ----------
vec3 draw_weather(vec2 s, vec2 p, vec3 col) {
    if (u_fog > 0.0) {
        float thick = u_fog * (0.55 + 0.35 * smoothstep(0.4, -0.1, abs(p.y - u_horizon))) * (0.85 + 0.15 * fbm(p * 3.0 + vec2(u_time * 0.05, 0.0)));
        col = mix(col, mix(vec3(0.8, 0.82, 0.84), u_sky_low, 0.3), clamp(thick, 0.0, 0.9));
    }
    if (u_rain > 0.0) {
        col *= 1.0 - 0.18 * u_rain;
        for (int layer = 0; layer < 2; layer++) {
            float fl = float(layer);
            vec2 g = vec2(s.x * (70.0 + fl * 40.0) + s.y * 8.0, s.y * (6.0 + fl * 3.0) + u_time * (9.0 + fl * 4.0));
            vec2 cell = floor(g);
            float h = hash1(cell + fl * 13.0);
            float streak = step(0.55, h) * smoothstep(0.12, 0.0, abs(fract(g.x) - 0.5)) * smoothstep(0.0, 0.3, fract(g.y)) * smoothstep(1.0, 0.6, fract(g.y));
            col = mix(col, vec3(0.78, 0.82, 0.88), streak * 0.55 * u_rain);
        }
    }
    if (u_snow > 0.0) {
        for (int layer = 0; layer < 3; layer++) {
            float fl = float(layer);
            float scale = 16.0 + fl * 10.0;
            vec2 g = s * scale + vec2(sin(u_time * 0.6 + fl + s.y * 3.0) * 0.6, u_time * (1.2 + fl * 0.5));
            vec2 cell = floor(g);
            if (hash1(cell + fl * 5.0) > 0.5) {
                vec2 c = cell + vec2(0.25 + 0.5 * hash1(cell + 1.0), 0.25 + 0.5 * hash1(cell + 2.0));
                float r = max(0.07 + 0.04 * fl, 1.3 * scale / u_res.y);
                col = mix(col, vec3(0.97, 0.98, 1.0), (1.0 - smoothstep(r * 0.5, r, length(g - c))) * u_snow);
            }
        }
    }
    if (u_flash > 0.0) {
        col = mix(col, vec3(0.92, 0.93, 1.0), u_flash * 0.45);
        float y = s.y;
        float x = u_bolt_x + 0.05 * sin(y * 23.0 + u_bolt_x * 9.0) + 0.03 * sin(y * 61.0);
        if (y > -0.05) col = mix(col, vec3(1.0), u_flash * (1.0 - smoothstep(0.002, 0.006, abs(s.x - x))));
    }
    return col;
}

vec3 hue_to_rgb(float h) { return clamp(abs(mod(h * 6.0 + vec3(0.0, 4.0, 2.0), 6.0) - 3.0) - 1.0, 0.0, 1.0); }

vec3 grade(vec3 c) {
    c *= u_exposure;
    c *= vec3(1.0 + u_warmth, 1.0 + u_warmth * 0.2, 1.0 - u_warmth);
    float luma = dot(c, vec3(0.299, 0.587, 0.114));
    c = mix(vec3(luma), c, u_saturation);
    c = clamp(c, 0.0, 1.0);
    // Excluded hues lose their colour entirely (the prompt said "no red": no pixel may read as red).
    if (u_excluded > 0) {
        float hi = max(c.r, max(c.g, c.b)), lo = min(c.r, min(c.g, c.b));
        float chroma = hi - lo;
        if (chroma > 0.0) {
            float h;
            if (hi == c.r) h = mod((c.g - c.b) / chroma, 6.0);
            else if (hi == c.g) h = (c.b - c.r) / chroma + 2.0;
            else h = (c.r - c.g) / chroma + 4.0;
            h *= 60.0;
            for (int i = 0; i < 8; i++) {
                if (i >= u_excluded) break;
                vec2 r = u_exclude[i];
                if (h >= r.x && h < r.y) { c = vec3(dot(c, vec3(0.299, 0.587, 0.114))); break; }
            }
        }
    }
    c = mix(c, vec3(dot(c, vec3(0.299, 0.587, 0.114))), u_mono);
    return c * u_gain;
}

void main() {
    vec2 uv = gl_FragCoord.xy / u_res;
    vec2 s = (uv - 0.5) * vec2(u_res.x / u_res.y, 1.0);
    float cr = cos(u_roll), sr = sin(u_roll);
    s = mat2(cr, sr, -sr, cr) * s;
    float near_scale = u_zoom * u_dolly;
    float far_scale = u_zoom * (1.0 + (u_dolly - 1.0) * u_far_dolly);
    vec2 p = s / near_scale + u_cam;
    vec2 f = s / far_scale + u_cam * u_far_follow;
    px = 1.0 / (u_res.y * near_scale);
#if defined(PASS_BACKGROUND)
    frag_color = vec4(draw_setting(p, f, draw_sky(f)), 1.0);
#elif defined(PASS_SUBJECT)
    bool in_sky = (u_kind >= 13 && u_kind <= 16) || u_kind == 34;
    vec2 q = ((in_sky ? f : p) - u_place.xy) / u_place.z;
    q.x *= u_pose.x;
    aa_local = (in_sky ? 1.0 / (u_res.y * far_scale) : px) / u_place.z;
    vec4 layer = vec4(0.0);
    draw_subject(layer, u_kind, q, u_tint, u_pose.y);
    // Sky bodies and flames give their own light; everything else is lit by the scene.
    if (!in_sky && u_kind != 32 && u_kind != 33) layer.rgb *= u_light;
    frag_color = layer;
#else
    vec3 col = texelFetch(u_layer, ivec2(gl_FragCoord.xy), 0).rgb;
    col = draw_weather(s, p, col);
    frag_color = vec4(grade(col), 1.0);
#endif
}
