import { describe, expect, it } from 'vitest';
import {
  cameraLabel,
  formatCoordinates,
  formatTakenAt,
  hasPrivateMetadata,
  metadataFromExif,
  metadataReasons,
  modelWithoutMake,
  validGps,
  validOrientation,
} from '../../src/core/exif-meaning';
import { NO_METADATA } from '../../src/core/verdict';

describe('metadataFromExif', () => {
  it('reads exifr merged output', () => {
    const meta = metadataFromExif({
      Make: 'Apple',
      Model: 'iPhone 13 Pro Max',
      Orientation: 6,
      DateTimeOriginal: '2022:02:16 12:55:41',
      latitude: 23.1291,
      longitude: 113.2644,
      GPSAltitude: 21.5,
      GPSAltitudeRef: new Uint8Array([0]),
    });
    expect(meta).toEqual({
      gps: { latitude: 23.1291, longitude: 113.2644, altitude: 21.5 },
      orientation: 6,
      make: 'Apple',
      model: 'iPhone 13 Pro Max',
      takenAt: '2022:02:16 12:55:41',
    });
  });

  it('computes signed degrees from raw DMS and refs', () => {
    const meta = metadataFromExif({
      GPSLatitude: [39, 3, 4.84],
      GPSLatitudeRef: 'S',
      GPSLongitude: [94, 17, 19.58],
      GPSLongitudeRef: 'W',
      GPSAltitude: 12,
      GPSAltitudeRef: 1,
    });
    expect(meta.gps?.latitude).toBeCloseTo(-39.0513444, 6);
    expect(meta.gps?.longitude).toBeCloseTo(-94.2887722, 6);
    expect(meta.gps?.altitude).toBe(-12);
  });

  it('ignores 0/0, out-of-range and junk positions', () => {
    expect(metadataFromExif({ latitude: 0, longitude: 0 }).gps).toBeNull();
    expect(metadataFromExif({ latitude: 91, longitude: 10 }).gps).toBeNull();
    expect(metadataFromExif({ latitude: 10, longitude: -181 }).gps).toBeNull();
    expect(metadataFromExif({ latitude: Number.NaN, longitude: 10 }).gps).toBeNull();
    expect(metadataFromExif({ GPSLatitude: [10, 75, 0], GPSLongitude: [1, 0, 0] }).gps).toBeNull();
    expect(metadataFromExif({ latitude: 0, longitude: 12.5 }).gps).toEqual({ latitude: 0, longitude: 12.5 });
    expect(validGps(10, 20, 99999)).toEqual({ latitude: 10, longitude: 20 });
  });

  it('validates orientation', () => {
    expect(validOrientation(1)).toBe(1);
    expect(validOrientation(8)).toBe(8);
    expect(validOrientation(0)).toBeNull();
    expect(validOrientation(9)).toBeNull();
    expect(validOrientation(2.5)).toBeNull();
    expect(validOrientation('Rotate 90 CW')).toBe(6);
    expect(validOrientation('3')).toBe(3);
    expect(validOrientation(undefined)).toBeNull();
  });

  it('trims make/model and does not repeat the make', () => {
    const meta = metadataFromExif({ Make: 'Canon\0\0 ', Model: ' Canon PowerShot SX60 HS\0' });
    expect(meta.make).toBe('Canon');
    expect(meta.model).toBe('PowerShot SX60 HS');
    expect(modelWithoutMake('NIKON CORPORATION', 'NIKON D750')).toBe('D750');
    expect(modelWithoutMake('Jolla', 'Jolla')).toBe('Jolla');
    expect(metadataFromExif({ Make: '   ', Model: '' })).toMatchObject({ make: null, model: null });
  });

  it('takes the best date and drops blank ones', () => {
    expect(
      metadataFromExif({ DateTimeOriginal: '0000:00:00 00:00:00', CreateDate: '2020:01:02 03:04:05' })
        .takenAt,
    ).toBe('2020:01:02 03:04:05');
    expect(metadataFromExif({ DateTimeOriginal: '    ' }).takenAt).toBeNull();
    expect(metadataFromExif({ DateTimeOriginal: new Date(2021, 3, 11, 15, 47, 53) }).takenAt).toBe(
      '2021:04:11 15:47:53',
    );
  });

  it('returns NO_METADATA for non-objects', () => {
    expect(metadataFromExif(undefined)).toEqual(NO_METADATA);
    expect(metadataFromExif('x')).toEqual(NO_METADATA);
    expect(metadataFromExif({})).toEqual(NO_METADATA);
  });
});

describe('formatters', () => {
  it('formats coordinates with hemisphere letters', () => {
    expect(formatCoordinates({ latitude: 23.1291, longitude: 113.2644 })).toBe('23.13° N, 113.26° E');
    expect(formatCoordinates({ latitude: -33.8688, longitude: -151.2093 }, 1)).toBe('33.9° S, 151.2° W');
    expect(formatCoordinates({ latitude: 0.001, longitude: -3.72 })).toBe('0.00°, 3.72° W');
  });

  it('labels cameras', () => {
    expect(cameraLabel({ make: 'Apple', model: 'iPhone 13 Pro Max' })).toBe('Apple iPhone 13 Pro Max');
    expect(cameraLabel({ make: 'Canon', model: 'PowerShot SX60 HS' })).toBe('Canon PowerShot SX60 HS');
    expect(cameraLabel({ make: 'NIKON CORPORATION', model: 'NIKON D750' })).toBe('NIKON D750');
    expect(cameraLabel({ make: 'OLYMPUS IMAGING CORP.', model: 'E-M10' })).toBe('OLYMPUS E-M10');
    expect(cameraLabel({ make: 'Jolla', model: 'Jolla' })).toBe('Jolla');
    expect(cameraLabel({ make: null, model: 'DX-10' })).toBe('DX-10');
    expect(cameraLabel({ make: null, model: null })).toBeNull();
  });

  it('formats dates', () => {
    expect(formatTakenAt('2022:02:16 12:55:41')).toBe('2022-02-16 12:55');
    expect(formatTakenAt('yesterday')).toBe('yesterday');
  });

  it('builds reasons with i18n keys', () => {
    const meta = {
      gps: { latitude: 23.1291, longitude: 113.2644 },
      orientation: 1,
      make: 'Apple',
      model: 'iPhone 6',
      takenAt: '2015:04:10 20:12:23',
    };
    expect(metadataReasons(meta)).toEqual([
      { key: 'meta_gps', values: ['23.13° N, 113.26° E'] },
      { key: 'meta_camera', values: ['Apple iPhone 6'] },
      { key: 'meta_taken_at', values: ['2015-04-10 20:12'] },
    ]);
    expect(metadataReasons(NO_METADATA)).toEqual([]);
    expect(hasPrivateMetadata(meta)).toBe(true);
    expect(hasPrivateMetadata({ ...NO_METADATA, orientation: 6 })).toBe(false);
  });
});
