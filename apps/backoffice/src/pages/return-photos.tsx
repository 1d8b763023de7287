// On a return: the shopper's photos of the items (issue #15), as thumbnails that open the photo.
// The images come from the merchant API with the staff session (GET /api/v1/returns/{id}/photos/{photoId}).
import type { Answer } from '../api.ts';
import { t } from '../i18n.ts';

type Photo = Answer<'GET /api/v1/returns/:id'>['photos'][number];

export function ReturnPhotos(props: { photos: readonly Photo[]; itemName: (orderItemId: string) => string }) {
  if (props.photos.length === 0) return null;
  return (
    <section class="card" aria-labelledby="photos-title" data-testid="return-photos">
      <h2 id="photos-title">{t('photosOnReturn', { count: props.photos.length })}</h2>
      <ul class="photo-grid">
        {props.photos.map((p, i) => (
          <li key={p.id}>
            <a href={p.url} target="_blank" rel="noreferrer noopener">
              <img
                src={p.url}
                alt={t('photoOf', { index: i + 1, name: props.itemName(p.orderItemId) })}
                width={120}
                height={120}
                loading="lazy"
                decoding="async"
              />
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
