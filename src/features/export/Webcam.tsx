import { useEffect, useRef, useState } from 'react';

/** True where the browser can offer a camera at all. */
export function hasWebcam(): boolean {
  return (
    typeof navigator !== 'undefined' && typeof navigator.mediaDevices?.getUserMedia === 'function'
  );
}

/**
 * A live camera view and a button that takes one frame as a JPEG. The page
 * only draws the frame; the worker decodes it for the model like any photo.
 */
export function Webcam({ onPhoto }: { onPhoto: (photo: Blob, name: string) => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (video.current) video.current.srcObject = stream;
    return () => {
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [stream]);

  const start = async () => {
    setError(null);
    try {
      setStream(await navigator.mediaDevices.getUserMedia({ video: true, audio: false }));
    } catch (e) {
      setError(`The webcam could not be opened: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const capture = () => {
    const v = video.current;
    if (!v || v.videoWidth === 0) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob(
      (blob) => {
        if (blob) onPhoto(blob, `webcam-${new Date().toISOString().slice(11, 19)}.jpg`);
        else setError('The webcam frame could not be turned into a JPEG.');
      },
      'image/jpeg',
      0.92,
    );
  };

  return (
    <div>
      {stream ? (
        <div className="row">
          <video ref={video} autoPlay playsInline muted aria-label="Webcam" width={240} />
          <button type="button" onClick={capture}>
            Take photo
          </button>
          <button type="button" className="secondary" onClick={() => setStream(null)}>
            Stop webcam
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={start}>
          Use webcam
        </button>
      )}
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
