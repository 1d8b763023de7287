// Photos of one returned item (issue #15): a file input that opens the camera or the gallery on
// phones, the photos added so far with a remove button each, and what the shop asks for. Each
// file is sent at once (the server checks it and keeps a JPEG without location data); only the
// ids go with the return.
import type { PhotoRequirement } from '@retour/domain/photos';
import { useState } from 'preact/hooks';
import { ApiError, photos as photoApi } from '../api.ts';
import { photoError } from '../errors.ts';
import type { Errors, Line, OrderItem } from '../flow.ts';
import { t } from '../i18n.ts';
import { described, FieldError } from './ui.tsx';

type Props = {
  slug: string;
  token: string;
  item: OrderItem;
  line: Line;
  requirement: PhotoRequirement;
  errors: Errors;
  set: (line: Line) => void;
};

export function PhotoPicker({ slug, token, item, line, requirement, errors, set }: Props) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState('');
  const id = item.id;
  const list = line.photos ?? [];
  const hintId = `photos-hint-${id}`;
  const problemId = `photos-problem-${id}`;

  const add = async (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length === 0) return;
    setBusy(true);
    setProblem('');
    let current = list;
    for (const file of files) {
      try {
        const uploaded = await photoApi.upload(slug, token, id, file);
        current = [...current, { id: uploaded.id, preview: URL.createObjectURL(file) }];
        set({ ...line, photos: current });
      } catch (error) {
        setProblem(error instanceof ApiError ? photoError(error) : t('errorPhotoUnsupported'));
        break;
      }
    }
    setBusy(false);
  };

  const remove = (photoId: string) => {
    const photo = list.find((p) => p.id === photoId);
    if (photo) URL.revokeObjectURL(photo.preview);
    set({ ...line, photos: list.filter((p) => p.id !== photoId) });
    void photoApi.remove(slug, token, photoId);
  };

  const field = described(`photos:${id}`, errors, problem ? `${hintId} ${problemId}` : hintId);
  return (
    <div class="field photos">
      <label for={`photos-${id}`}>{t('addPhotos')}</label>
      <p class="hint" id={hintId}>
        {requirement.mode === 'required' ? t('photosRequired', { min: requirement.min }) : t('photosOptional')} {t('photosHint')}
      </p>
      {list.length > 0 && (
        <ul class="photo-list">
          {list.map((photo, index) => (
            <li key={photo.id} class="photo-item">
              <img class="thumb" src={photo.preview} alt={t('photoAlt', { index: index + 1, name: item.name })} width={64} height={64} />
              <button type="button" class="button link" onClick={() => remove(photo.id)}>
                {t('removePhoto', { index: index + 1 })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={`photos-${id}`}
        class="input file"
        type="file"
        accept="image/*,.heic,.heif"
        multiple
        disabled={busy}
        onChange={(e) => void add(e.currentTarget)}
        {...field}
      />
      <p class="sr-only" role="status" aria-live="polite">
        {busy ? t('photoUploading') : ''}
      </p>
      {busy && (
        <p class="hint" aria-hidden="true">
          {t('photoUploading')}
        </p>
      )}
      {problem && (
        <div class="field-error">
          <span aria-hidden="true" class="error-icon">
            !
          </span>
          <p id={problemId}>{problem}</p>
        </div>
      )}
      <FieldError field={`photos:${id}`} errors={errors} />
    </div>
  );
}
