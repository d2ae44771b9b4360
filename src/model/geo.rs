//! Positions on a flat map that needs no tile server: WGS84 degrees
//! projected to Web Mercator (the projection street-map tiles use, so the
//! optional tile layer lines up with the points), a view that pans and
//! zooms, and the tiles that would cover it.
//!
//! World coordinates run from 0 to 1: x east from 180°W, y south from
//! about 85°N. A view maps them to screen pixels.

use std::fmt;

use super::record::LatLon;

/// Why typed text is not a position. The words go straight to the person.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PositionError {
    #[error(
        "Type the position as latitude, then longitude, in degrees: for example 53.2350, -1.4210."
    )]
    Shape,
    #[error("Latitude goes from -90 to 90 degrees; {0} is outside that.")]
    Latitude(String),
    #[error("Longitude goes from -180 to 180 degrees; {0} is outside that.")]
    Longitude(String),
}

impl LatLon {
    /// Reads "53.2350, -1.4210" (a comma or spaces between the two), as a
    /// phone's maps app copies a position.
    pub fn parse(text: &str) -> Result<LatLon, PositionError> {
        let parts: Vec<&str> = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .collect();
        let [lat, lon] = parts.as_slice() else {
            return Err(PositionError::Shape);
        };
        let number = |s: &str| s.parse::<f64>().ok().filter(|n| n.is_finite());
        let (Some(lat_n), Some(lon_n)) = (number(lat), number(lon)) else {
            return Err(PositionError::Shape);
        };
        let at = LatLon {
            lat: lat_n,
            lon: lon_n,
        };
        at.check()?;
        Ok(at)
    }

    /// Whether both numbers are degrees on the Earth.
    pub fn check(&self) -> Result<(), PositionError> {
        if !(self.lat.is_finite() && (-90.0..=90.0).contains(&self.lat)) {
            return Err(PositionError::Latitude(self.lat.to_string()));
        }
        if !(self.lon.is_finite() && (-180.0..=180.0).contains(&self.lon)) {
            return Err(PositionError::Longitude(self.lon.to_string()));
        }
        Ok(())
    }
}

/// Five decimals: about a metre, the most a phone's position is worth.
impl fmt::Display for LatLon {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.5}, {:.5}", self.lat, self.lon)
    }
}

/// Web Mercator stops here, so the world is a square.
const MAX_LAT: f64 = 85.051_128_78;

/// A point on the world square.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct World {
    pub x: f64,
    pub y: f64,
}

pub fn project(at: LatLon) -> World {
    let lat = at.lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
    World {
        x: (at.lon + 180.0) / 360.0,
        y: (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / std::f64::consts::PI) / 2.0,
    }
}

pub fn unproject(w: World) -> LatLon {
    let n = std::f64::consts::PI * (1.0 - 2.0 * w.y);
    LatLon {
        lat: n.sinh().atan().to_degrees(),
        lon: w.x * 360.0 - 180.0,
    }
}

/// Street-map tiles are 256 pixels square; zoom level z spans the world in
/// 2^z of them.
pub const TILE_PX: f64 = 256.0;
/// The closest street-map tiles go.
pub const MAX_ZOOM: u8 = 19;
/// How close the map zooms in to a single point: a few streets.
const FIT_ZOOM: f64 = 15.0;

/// The size of the map on screen, in CSS pixels.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Screen {
    pub width: f64,
    pub height: f64,
}

/// What the map shows: the world point at the middle of the screen, and
/// how many pixels the whole world would span.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct View {
    pub centre: World,
    pub scale: f64,
}

fn scale_at(zoom: f64) -> f64 {
    TILE_PX * zoom.exp2()
}

impl View {
    /// The whole world, when there is nothing to show yet.
    pub fn world(screen: Screen) -> View {
        View {
            centre: World { x: 0.5, y: 0.5 },
            scale: screen.width.min(screen.height).max(1.0),
        }
        .clamped()
    }

    /// A view that shows every point, `margin` pixels in from the edges,
    /// never closer than a few streets.
    pub fn fit(points: &[World], screen: Screen, margin: f64) -> View {
        let Some(first) = points.first() else {
            return View::world(screen);
        };
        let (mut left, mut right, mut top, mut bottom) = (first.x, first.x, first.y, first.y);
        for p in points {
            left = left.min(p.x);
            right = right.max(p.x);
            top = top.min(p.y);
            bottom = bottom.max(p.y);
        }
        let room_x = (screen.width - 2.0 * margin).max(1.0);
        let room_y = (screen.height - 2.0 * margin).max(1.0);
        let mut scale = scale_at(FIT_ZOOM);
        if right > left {
            scale = scale.min(room_x / (right - left));
        }
        if bottom > top {
            scale = scale.min(room_y / (bottom - top));
        }
        View {
            centre: World {
                x: (left + right) / 2.0,
                y: (top + bottom) / 2.0,
            },
            scale,
        }
        .clamped()
    }

    /// Keeps the zoom between the whole world and the closest tiles, and
    /// the centre on the world.
    fn clamped(self) -> View {
        View {
            centre: World {
                x: self.centre.x.clamp(0.0, 1.0),
                y: self.centre.y.clamp(0.0, 1.0),
            },
            scale: self
                .scale
                .clamp(TILE_PX / 2.0, scale_at(f64::from(MAX_ZOOM))),
        }
    }

    /// Where a world point is drawn, in pixels from the top left.
    pub fn to_screen(&self, w: World, screen: Screen) -> (f64, f64) {
        (
            (w.x - self.centre.x) * self.scale + screen.width / 2.0,
            (w.y - self.centre.y) * self.scale + screen.height / 2.0,
        )
    }

    /// The world point under a pixel.
    pub fn to_world(&self, x: f64, y: f64, screen: Screen) -> World {
        World {
            x: self.centre.x + (x - screen.width / 2.0) / self.scale,
            y: self.centre.y + (y - screen.height / 2.0) / self.scale,
        }
    }

    /// Moves the map by a drag of `dx`, `dy` pixels: what was under the
    /// finger stays under it.
    pub fn pan(self, dx: f64, dy: f64) -> View {
        View {
            centre: World {
                x: self.centre.x - dx / self.scale,
                y: self.centre.y - dy / self.scale,
            },
            ..self
        }
        .clamped()
    }

    /// Zooms by `factor` (2 is one level closer) keeping the world point
    /// under pixel (`x`, `y`) where it is, as a pinch or a wheel does.
    pub fn zoom(self, factor: f64, x: f64, y: f64, screen: Screen) -> View {
        let anchor = self.to_world(x, y, screen);
        let scale = View {
            scale: self.scale * factor,
            ..self
        }
        .clamped()
        .scale;
        View {
            centre: World {
                x: anchor.x - (x - screen.width / 2.0) / scale,
                y: anchor.y - (y - screen.height / 2.0) / scale,
            },
            scale,
        }
        .clamped()
    }

    /// The street-map zoom level nearest this view.
    pub fn zoom_level(&self) -> u8 {
        (self.scale / TILE_PX)
            .log2()
            .round()
            .clamp(0.0, f64::from(MAX_ZOOM)) as u8
    }
}

/// The Earth's circumference at the equator, in metres (WGS84).
const EQUATOR_M: f64 = 40_075_016.686;

/// A scale bar: a round distance no longer than `max_px`, its length on
/// screen, and its words ("500 m", "2 km").
pub fn scale_bar(view: &View, max_px: f64) -> (f64, String) {
    let lat = unproject(view.centre).lat.to_radians();
    let metres_per_px = EQUATOR_M * lat.cos() / view.scale;
    let most = metres_per_px * max_px;
    let mut metres = 10f64.powf(most.log10().floor());
    for step in [5.0, 2.0] {
        if metres * step <= most {
            metres *= step;
            break;
        }
    }
    let words = if metres >= 1000.0 {
        format!("{} km", metres / 1000.0)
    } else {
        format!("{} m", metres.max(1.0))
    };
    (metres / metres_per_px, words)
}

/// One street-map tile and where it is drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tile {
    pub z: u8,
    pub x: u32,
    pub y: u32,
    pub left: f64,
    pub top: f64,
    pub size: f64,
}

impl Tile {
    /// The tile's address from a template with `{z}`, `{x}` and `{y}`.
    pub fn url(&self, template: &str) -> String {
        template
            .replace("{z}", &self.z.to_string())
            .replace("{x}", &self.x.to_string())
            .replace("{y}", &self.y.to_string())
    }
}

/// The tiles that cover the screen at the view's zoom level, row by row.
pub fn tiles(view: &View, screen: Screen) -> Vec<Tile> {
    let z = view.zoom_level();
    let n = 1u32 << z;
    let size = view.scale / f64::from(n);
    let top_left = view.to_world(0.0, 0.0, screen);
    let bottom_right = view.to_world(screen.width, screen.height, screen);
    let cell = |w: f64| (w * f64::from(n)).floor().clamp(0.0, f64::from(n - 1)) as u32;
    let mut out = Vec::new();
    for y in cell(top_left.y)..=cell(bottom_right.y) {
        for x in cell(top_left.x)..=cell(bottom_right.x) {
            let corner = World {
                x: f64::from(x) / f64::from(n),
                y: f64::from(y) / f64::from(n),
            };
            let (left, top) = view.to_screen(corner, screen);
            out.push(Tile {
                z,
                x,
                y,
                left,
                top,
                size,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[cfg(target_family = "wasm")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    use super::*;

    const PHONE: Screen = Screen {
        width: 360.0,
        height: 360.0,
    };

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_position_reads_as_a_maps_app_copies_it() {
        let at = LatLon::parse(" 53.2350, -1.4210 ").unwrap();
        assert_eq!((at.lat, at.lon), (53.235, -1.421));
        assert_eq!(LatLon::parse("53.235 -1.421").unwrap(), at);
        assert_eq!(at.to_string(), "53.23500, -1.42100");
    }

    #[test]
    fn a_bad_position_says_what_is_wrong() {
        assert_eq!(LatLon::parse("Chesterfield"), Err(PositionError::Shape));
        assert_eq!(LatLon::parse("53.2"), Err(PositionError::Shape));
        assert_eq!(LatLon::parse("1, 2, 3"), Err(PositionError::Shape));
        assert_eq!(
            LatLon::parse("153.2, -1.4"),
            Err(PositionError::Latitude("153.2".into()))
        );
        assert_eq!(
            LatLon::parse("53.2, 200"),
            Err(PositionError::Longitude("200".into()))
        );
        assert!(
            PositionError::Shape
                .to_string()
                .contains("latitude, then longitude")
        );
    }

    #[test]
    fn projection_puts_known_places_where_tiles_have_them() {
        let origin = project(LatLon { lat: 0.0, lon: 0.0 });
        assert!(close(origin.x, 0.5) && close(origin.y, 0.5));
        // Chesterfield is in tile 16/32509/21277 (the slippy-map tile formula).
        let w = project(LatLon {
            lat: 53.2350,
            lon: -1.4210,
        });
        let n = f64::from(1u32 << 16);
        assert_eq!(((w.x * n) as u32, (w.y * n) as u32), (32509, 21277));
        let back = unproject(w);
        assert!((back.lat - 53.2350).abs() < 1e-9 && (back.lon + 1.4210).abs() < 1e-9);
    }

    #[test]
    fn a_view_fits_every_point_inside_the_margin() {
        let points = [
            project(LatLon {
                lat: 53.25,
                lon: -1.45,
            }),
            project(LatLon {
                lat: 53.22,
                lon: -1.40,
            }),
        ];
        let view = View::fit(&points, PHONE, 20.0);
        for p in points {
            let (x, y) = view.to_screen(p, PHONE);
            assert!((20.0 - 1e-6..=340.0 + 1e-6).contains(&x), "x {x}");
            assert!((20.0 - 1e-6..=340.0 + 1e-6).contains(&y), "y {y}");
        }
        // The wider span fills the room exactly.
        let (x0, y0) = view.to_screen(points[0], PHONE);
        let (x1, y1) = view.to_screen(points[1], PHONE);
        let wider = (x1 - x0).abs().max((y1 - y0).abs());
        assert!((wider - 320.0).abs() < 1e-6, "{wider}");
    }

    #[test]
    fn one_point_is_shown_a_few_streets_wide_and_none_shows_the_world() {
        let p = project(LatLon {
            lat: 53.235,
            lon: -1.421,
        });
        let view = View::fit(&[p], PHONE, 20.0);
        assert_eq!(view.zoom_level(), 15);
        assert_eq!(view.to_screen(p, PHONE), (180.0, 180.0));
        assert_eq!(View::fit(&[], PHONE, 20.0).zoom_level(), 0);
    }

    #[test]
    fn dragging_keeps_the_point_under_the_finger() {
        let view = View {
            centre: World { x: 0.5, y: 0.5 },
            scale: 1e6,
        };
        let grabbed = view.to_world(100.0, 200.0, PHONE);
        let moved = view.pan(30.0, -40.0);
        let (x, y) = moved.to_screen(grabbed, PHONE);
        assert!(close(x, 130.0) && close(y, 160.0));
    }

    #[test]
    fn zooming_keeps_the_point_under_the_fingers_and_stops_at_the_limits() {
        let view = View {
            centre: World { x: 0.4, y: 0.3 },
            scale: 1e6,
        };
        let anchor = view.to_world(50.0, 300.0, PHONE);
        let closer = view.zoom(2.0, 50.0, 300.0, PHONE);
        assert!(close(closer.scale, 2e6));
        let (x, y) = closer.to_screen(anchor, PHONE);
        assert!((x - 50.0).abs() < 1e-6 && (y - 300.0).abs() < 1e-6);
        assert_eq!(view.zoom(1e9, 0.0, 0.0, PHONE).zoom_level(), MAX_ZOOM);
        assert_eq!(view.zoom(1e-9, 0.0, 0.0, PHONE).scale, TILE_PX / 2.0);
    }

    #[test]
    fn the_scale_bar_is_a_round_distance_drawn_to_scale() {
        // At the equator and zoom 0 (256 px for the world), a pixel is
        // about 156.5 km: 100 px hold 10,000 km at most.
        let world = View {
            centre: World { x: 0.5, y: 0.5 },
            scale: TILE_PX,
        };
        let (px, words) = scale_bar(&world, 100.0);
        assert_eq!(words, "10000 km");
        assert!((px - 1e7 / (EQUATOR_M / TILE_PX)).abs() < 1e-9);
        // A neighbourhood at 53°N, zoom 15: about 2.9 m a pixel.
        let street = View {
            centre: project(LatLon {
                lat: 53.235,
                lon: -1.421,
            }),
            scale: scale_at(15.0),
        };
        let (px, words) = scale_bar(&street, 100.0);
        assert_eq!(words, "200 m");
        assert!((60.0..=100.0).contains(&px), "{px}");
    }

    #[test]
    fn tiles_cover_the_screen_at_the_views_zoom() {
        let view = View {
            centre: project(LatLon {
                lat: 53.235,
                lon: -1.421,
            }),
            scale: scale_at(16.0),
        };
        let tiles = tiles(&view, PHONE);
        assert!(tiles.iter().all(|t| t.z == 16 && t.size == TILE_PX));
        assert!(tiles.iter().any(|t| (t.x, t.y) == (32509, 21277)));
        // Together they reach every edge of the screen, and no tile is wasted.
        let left = tiles.iter().map(|t| t.left).fold(f64::MAX, f64::min);
        let top = tiles.iter().map(|t| t.top).fold(f64::MAX, f64::min);
        let right = tiles
            .iter()
            .map(|t| t.left + t.size)
            .fold(f64::MIN, f64::max);
        let bottom = tiles
            .iter()
            .map(|t| t.top + t.size)
            .fold(f64::MIN, f64::max);
        assert!(left <= 0.0 && top <= 0.0 && right >= 360.0 && bottom >= 360.0);
        assert!(
            tiles
                .iter()
                .all(|t| t.left < 360.0 && t.left + t.size > 0.0)
        );
        assert!(tiles.len() <= 9, "{} tiles", tiles.len());
        assert_eq!(
            tiles[0].url("https://tile.example/{z}/{x}/{y}.png"),
            format!("https://tile.example/16/{}/{}.png", tiles[0].x, tiles[0].y)
        );
    }
}
